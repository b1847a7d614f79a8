"""Yingdu (英读): a self-hostable English-learning portal for Chinese students and teachers."""

__version__ = "0.1.0"
