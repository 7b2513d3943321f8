"""The project's image model, custom from the first migration as Wagtail advises."""
