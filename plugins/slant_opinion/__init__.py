"""slant's built-in opinion analyzer."""
