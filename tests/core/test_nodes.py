"""Node: one identity for a diagram node, converted to diagram, network and weight indices in one place."""

import pytest

from tui_nn.core.config import Config
from tui_nn.core.features import FEATURES
from tui_nn.core.nodes import Node, diagram_counts
from tui_nn.core.plane import PlaneGrid
from tui_nn.core.trainer import Trainer

CONFIG = Config(features=("x", "y", "xSquared"), hidden_layers=(4, 2), seed="0.59704")
"""Three of the seven features on, two hidden layers: every numbering differs from the others."""


def test_a_feature_is_placed_in_the_diagram_among_all_seven():
    assert Node.feature("xSquared").diagram_position(CONFIG.hidden_layers) == (0, 2)
    assert Node.feature("sinY").diagram_position(CONFIG.hidden_layers) == (0, 6)


def test_a_feature_is_a_unit_among_the_active_ones_only():
    config = CONFIG.replace(features=("y", "xSquared"))
    assert Node.feature("xSquared").unit(config) == (0, 1)


def test_a_feature_that_is_off_has_no_unit():
    assert Node.feature("sinX").unit(CONFIG) is None


def test_a_feature_has_no_weights():
    assert Node.feature("x").weight_row(CONFIG) is None


def test_a_hidden_neuron_is_its_layer_in_the_diagram_and_the_network():
    node = Node.hidden(2, 1)
    assert node.diagram_position(CONFIG.hidden_layers) == (2, 1)
    assert node.unit(CONFIG) == (2, 1)


def test_a_hidden_neuron_weights_are_the_matrix_before_its_layer():
    assert Node.hidden(1, 3).weight_row(CONFIG) == (0, 3)
    assert Node.hidden(2, 0).weight_row(CONFIG) == (1, 0)


@pytest.mark.parametrize("node", [Node.hidden(3, 0), Node.hidden(2, 2), Node.hidden(0, 0), Node.hidden(1, -1)])
def test_a_neuron_the_network_lacks_has_no_unit_and_no_weights(node):
    assert node.unit(CONFIG) is None and node.weight_row(CONFIG) is None


def test_the_output_follows_the_depth_of_the_network():
    deeper = CONFIG.replace(hidden_layers=(3, 3, 3))
    assert Node.output().diagram_position(CONFIG.hidden_layers) == (3, 0)
    assert Node.output().diagram_position(deeper.hidden_layers) == (4, 0)
    assert Node.output().unit(deeper) == (4, 0)
    assert Node.output().weight_row(deeper) == (3, 0)


def test_every_diagram_position_converts_back_to_its_node():
    hidden = CONFIG.hidden_layers
    for column, count in enumerate(diagram_counts(hidden)):
        for row in range(count):
            assert Node.at(column, row, hidden).diagram_position(hidden) == (column, row)


def test_positions_outside_the_diagram_are_clamped():
    hidden = CONFIG.hidden_layers
    assert Node.at(-1, -1, hidden) == Node.feature(next(iter(FEATURES)))
    assert Node.at(1, 9, hidden) == Node.hidden(1, 3)
    assert Node.at(9, 9, hidden) == Node.output()


def test_the_unit_indexes_the_plane_grid_outputs():
    trainer = Trainer(CONFIG)
    outputs = PlaneGrid(CONFIG.features, 3, 3).layer_outputs(trainer.network)
    for node in (Node.feature("xSquared"), Node.hidden(1, 3), Node.hidden(2, 1), Node.output()):
        layer, unit = node.unit(CONFIG)
        assert outputs[layer][unit].shape == (3, 3)
    layer, unit = Node.feature("xSquared").unit(CONFIG)
    assert outputs[layer][unit][0, 0] == pytest.approx(16.0)  # x1 = -4 at the top-left pixel centre


def test_the_weight_row_indexes_the_neuron_incoming_weights_and_bias():
    network = Trainer(CONFIG).network
    weight_layer, row = Node.hidden(2, 1).weight_row(CONFIG)
    assert network.weights[weight_layer][row].shape == (4 + 1,)  # one weight per layer-1 neuron, then the bias


def test_an_unknown_feature_is_refused_by_name():
    with pytest.raises(ValueError, match="nope"):
        Node.feature("nope")
