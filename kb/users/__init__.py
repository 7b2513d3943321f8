"""Users of the site: who they are, which unit they belong to, which roles they hold."""
