"""词汇量测试: the adaptive vocabulary-size placement test (engine.py, pool.py: plain Python),
its pages and API, and the reader's level it sets (service.py)."""
