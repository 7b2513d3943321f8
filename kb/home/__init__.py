"""The home page of the site."""
