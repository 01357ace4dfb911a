import os
import sys

# The package from this checkout, and the library `swift build -c release` made (make test sets
# SWIFTGYM_LIBRARY to it; swiftgym finds it there by itself too).
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
