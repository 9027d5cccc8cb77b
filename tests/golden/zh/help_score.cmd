score --lang zh --help
