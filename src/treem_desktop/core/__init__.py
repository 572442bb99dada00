"""The Qt-free domain: administrative units, the commune, and later standards and scoring."""
