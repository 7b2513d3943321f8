"""Stories (bài tuyên truyền): news and features about exemplars and initiatives."""
