"""The knowledge base of exemplary models (điển hình tiên tiến) of Vietnam Social Security."""
