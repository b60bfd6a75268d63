package io.baas.fabric.receipt;

/** One check of a receipt: what was checked, its outcome and why. */
public record ReceiptCheck(String name, Outcome outcome, String detail) {

    public enum Outcome { PASSED, FAILED, SKIPPED }

    static ReceiptCheck passed(String name, String detail) {
        return new ReceiptCheck(name, Outcome.PASSED, detail);
    }

    static ReceiptCheck failed(String name, String detail) {
        return new ReceiptCheck(name, Outcome.FAILED, detail);
    }

    static ReceiptCheck skipped(String name, String detail) {
        return new ReceiptCheck(name, Outcome.SKIPPED, detail);
    }
}
