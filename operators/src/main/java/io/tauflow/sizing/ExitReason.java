package io.tauflow.sizing;

/** Why a closing intent closes: the sizer's exits, or the risk gate's liquidation. */
public enum ExitReason {
    /** The agent decided SELL. */
    SIGNAL,
    /** The price rose at least the take-profit fraction above entry. */
    TAKE_PROFIT,
    /** The price fell at least the stop-loss fraction below entry. */
    STOP_LOSS,
    /** The position is old and has hardly moved. */
    STALE,
    /** The risk gate closes it: the account's free margin fell below the guard. */
    LIQUIDATION
}
