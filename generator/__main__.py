"""`python -m polyvox`: the same command line as `polyvox`."""

from polyvox.commands.cli import main

if __name__ == "__main__":
    main(prog_name="polyvox")
