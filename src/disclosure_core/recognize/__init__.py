"""Recognition: matching a read document to a template, producing a Report."""

from disclosure_core.recognize.recognizer import Recognizer

__all__ = ["Recognizer"]
