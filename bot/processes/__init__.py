"""The running processes: the WSGI app, gunicorn in front of it, the worker, Socket Mode."""
