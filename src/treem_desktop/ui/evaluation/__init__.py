"""The evaluation workspace: criteria list, criterion page and the score panel."""
