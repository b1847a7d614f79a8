"""Learners' own vocabulary: the words a learner knows (我的词汇), applied to pages in the
browser, and the learner API under /api/me/known."""
