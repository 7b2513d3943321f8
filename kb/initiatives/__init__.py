"""Initiatives (sáng kiến, giải pháp, mô hình mới): the good practices employees search for."""
