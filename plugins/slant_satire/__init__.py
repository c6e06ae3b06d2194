"""slant's built-in satire analyzer."""
