package io.tauflow.tools.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrainCommandTest {

    @Test
    void theChampionIsTheHighestScoreAndTheEarlierOfEqualOnes() {
        assertThat(TrainCommand.champion(new double[] {0.5})).isZero();
        assertThat(TrainCommand.champion(new double[] {-1.0, 2.0, 1.5})).isEqualTo(1);
        assertThat(TrainCommand.champion(new double[] {1.0, 3.0, 3.0})).isEqualTo(1);
        assertThat(TrainCommand.champion(new double[] {-2.0, -0.5, -7.0})).isEqualTo(1);
        // a pass that never traded (score 0) beats losing ones
        assertThat(TrainCommand.champion(new double[] {-1.0, 0.0, -0.1})).isEqualTo(1);
    }
}
