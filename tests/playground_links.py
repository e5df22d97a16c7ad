"""The Playground links of PLAYGROUND.md §7.3, shared by the core, CLI and UI tests.

A plain module rather than conftest.py, so tests import it by name (``from playground_links import
DEFAULT_HASH``) and conftest.py holds only fixtures.
"""

DEFAULT_HASH = (
    "activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03"
    "&regularizationRate=0&noise=0&networkShape=4,2&seed=0.59704&showTestData=false&discretize=false"
    "&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false"
    "&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false"
)

L1_HASH = (
    "activation=sigmoid&regularization=L1&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03"
    "&regularizationRate=0.01&noise=0&networkShape=3,3,2,2,2&seed=0.35097&showTestData=false&discretize=false"
    "&percTrainData=50&x=true&y=true&xTimesY=true&xSquared=true&ySquared=true&cosX=false&sinX=false"
    "&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false"
)

DIVERGENT_HASH = (
    "activation=tanh&regularization=L2&batchSize=30&dataset=spiral&regDataset=reg-plane&learningRate=0.3"
    "&regularizationRate=10&noise=15&networkShape=8,8&seed=0.65451&showTestData=false&discretize=false"
    "&percTrainData=90&x=true&y=true&xTimesY=true&xSquared=true&ySquared=true&cosX=false&sinX=true"
    "&cosY=false&sinY=true&collectStats=false&problem=classification&initZero=false&hideText=false"
)

OVER_LIMIT_HASH = (
    "activation=tanh&batchSize=10&dataset=gauss&regDataset=reg-plane&learningRate=0.03"
    "&regularizationRate=0&noise=2000&networkShape=8,8,8,8,8,8,8,8,8,8&seed=0.78192&showTestData=false"
    "&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false"
    "&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification"
    "&initZero=false&hideText=false"
)
