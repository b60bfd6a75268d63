package io.baas.consortium;

import io.baas.crd.Consortium;
import java.util.List;

/** A consortium as created, with what the platform changed from the request and why. */
public record ConsortiumCreated(Consortium consortium, List<String> notices) {
}
