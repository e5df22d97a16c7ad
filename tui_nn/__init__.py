"""tui-nn: the TensorFlow Playground, rebuilt for the terminal."""

__version__ = "0.1.0"
