package io.baas.notification;

/**
 * Something that awaits a workspace's decision, for the console's badge and list: what kind, which
 * object (and the API path to act on it), a sentence to show, and until when it can be acted on.
 *
 * @param kind Invitation or Proposal (chaincode approvals join when they exist)
 * @param path the API path of the object, under /kapis/baas.io/v1
 */
public record Notification(String kind, String id, String consortium, String organization, String summary, String path,
                           String createTime, String expireTime) {
}
