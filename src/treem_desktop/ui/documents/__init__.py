"""Official documents on screen, on paper and in PDF, drawn with Qt."""
