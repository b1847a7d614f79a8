"""Worksheets: Chinese exam exercises (完形填空, 语法填空, 七选五, 词汇) made from any English
text, and their renderings (HTML, DOCX, PDF).

Pure Python (no Django): :func:`yingdu.worksheets.generate.generate` returns the worksheet as
a JSON-ready dict (docs/worksheets.md); the ``render_*`` modules turn that dict into files.
"""
