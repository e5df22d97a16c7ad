"""The bundled lessons: ``*.lesson`` files read by ``tui_nn.core.lessons`` (package data, no code)."""
