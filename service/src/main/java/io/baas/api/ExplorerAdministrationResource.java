package io.baas.api;

import io.baas.explorer.ExplorerAdministration;
import io.baas.explorer.ExplorerViews;
import io.baas.explorer.NewReindex;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The explorer's index as the platform's admins operate it: every indexed ledger, and re-indexing one. */
@Path(ConsortiumResource.BASE + "/explorerchannels")
@Produces(MediaType.APPLICATION_JSON)
public class ExplorerAdministrationResource {

    private final ExplorerAdministration administration;

    ExplorerAdministrationResource(ExplorerAdministration administration) {
        this.administration = administration;
    }

    @GET
    @Operation(summary = "Every indexed ledger with its state (Indexing, or Degraded with the block and reason), height and counts"
            + " (platform admins)")
    public ListResult<ExplorerViews.Ledger> list() {
        List<ExplorerViews.Ledger> ledgers = administration.ledgers();
        return new ListResult<>(ledgers, ledgers.size());
    }

    @POST
    @Path("/{ledger}/reindexes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Forget a ledger's blocks from fromBlock on and index them again, clearing a Degraded state (platform admins)")
    public ExplorerViews.Ledger reindex(@PathParam("ledger") String ledger, @Valid @NotNull NewReindex request) {
        return administration.reindex(QueryNumbers.parse("ledger", ledger, -1, 1, Long.MAX_VALUE), request.fromBlock());
    }
}
