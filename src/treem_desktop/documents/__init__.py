"""Official documents (Decree 30/2020): one document model, its renderers, the register."""
