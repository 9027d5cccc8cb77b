score --lang zh --units examples/nanguo/units.csv
