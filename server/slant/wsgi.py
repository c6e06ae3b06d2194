"""The WSGI app for gunicorn and other servers: ``gunicorn slant.wsgi:app``."""

from slant.app import create_app

app = create_app()
