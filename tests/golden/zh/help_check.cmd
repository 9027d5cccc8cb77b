check --help --lang zh
