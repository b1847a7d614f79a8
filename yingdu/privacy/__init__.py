"""Privacy of authors and readers (PIPL): takedown requests from parents and teachers, the
editors' 撤下并删除 action and its log. What personal data Yingdu keeps: docs/privacy.md."""
