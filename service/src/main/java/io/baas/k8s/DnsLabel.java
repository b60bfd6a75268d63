package io.baas.k8s;

import io.baas.k8s.Names;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A Kubernetes DNS-1123 label: what workspace, namespace and most BaaS object names must be. */
@Documented
@NotNull
@Size(min = 1, max = 63)
@Pattern(regexp = DnsLabel.PATTERN)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface DnsLabel {

    String PATTERN = Names.DNS_LABEL;

    String message() default "must be a DNS-1123 label: at most 63 lower-case letters, digits or '-', starting and ending with a letter or digit";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
