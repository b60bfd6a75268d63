package io.baas.api;

import io.baas.k8s.DnsLabel;
import io.baas.notification.Notification;
import io.baas.notification.NotificationService;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What awaits the workspace's decision, for the console's badge: pending invitations it received. */
@Path(ConsortiumResource.BASE + "/workspaces/{workspace}/notifications")
@Produces(MediaType.APPLICATION_JSON)
public class NotificationResource {

    private static final Map<String, Comparator<Notification>> SORT_KEYS = Map.of(
            "createTime", Comparator.comparing(Notification::createTime),
            "expireTime", Comparator.comparing(Notification::expireTime));

    private final NotificationService notifications;

    NotificationResource(NotificationService notifications) {
        this.notifications = notifications;
    }

    @GET
    @Operation(summary = "List what awaits the workspace's decision (pending invitations it received), newest first")
    public ListResult<Notification> notifications(@PathParam("workspace") @DnsLabel String workspace, @BeanParam ListQuery query) {
        return query.apply(notifications.awaiting(workspace), SORT_KEYS);
    }
}
