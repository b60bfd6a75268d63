package io.baas.fabric.sandbox.peer.chaincode.contracts.beta;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Transaction;

/** The same contract name as AlphaContract, in another jar: the class loaders must keep them apart. */
@Contract(name = "kv")
@Default
public final class BetaContract implements ContractInterface {

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String who(Context ctx) {
        return "beta";
    }
}
