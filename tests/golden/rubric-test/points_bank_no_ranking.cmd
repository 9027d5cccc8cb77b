test tests/golden/score/data/points-bank
