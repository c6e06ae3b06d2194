"""slant's built-in sources analyzer."""
