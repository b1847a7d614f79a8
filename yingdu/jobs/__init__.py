"""Background jobs: one record per job (models.Job), the kinds of job (kinds.py), starting,
running and recovering them (service.py), the worker (worker.py), the job pages (views.py)."""
