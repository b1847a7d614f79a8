"""班级 classes: teachers group students, assign reading and worksheets, follow progress and
get the class's pre-teach word list (issue 15)."""
