package io.baas.fabric.block;

import java.util.Optional;

public record KeyRead(String key, Optional<KeyVersion> version) {
}
