package io.tauflow.risk;

/** The gate's book for one symbol of one account, filled at the order's limit price. A POJO. */
public class PositionState {
    public double quantity;
    public double averagePrice;

    public PositionState() {}
}
