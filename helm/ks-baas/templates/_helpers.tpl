{{- define "ks-baas.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "ks-baas.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else if contains (include "ks-baas.name" .) .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name (include "ks-baas.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "ks-baas.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ks-baas.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: api
{{- end -}}

{{- define "ks-baas.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "ks-baas.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ks-baas
{{- end -}}

{{- define "ks-baas.serviceAccountName" -}}
{{- default (include "ks-baas.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "ks-baas.image" -}}
{{- $registry := default .Values.image.registry .Values.global.imageRegistry -}}
{{- printf "%s/%s:%s" $registry .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "ks-baas.isV4" -}}
{{- if eq (toString .Values.kubesphere.version) "4" -}}true{{- end -}}
{{- end -}}

{{/* Where the service's PostgreSQL password comes from: the trial server's Secret, an existing one, or ours. */}}
{{- define "ks-baas.databaseSecretName" -}}
{{- if .Values.postgresql.enabled -}}
{{- printf "%s-postgresql" (include "ks-baas.fullname" .) -}}
{{- else if .Values.database.existingSecret -}}
{{- .Values.database.existingSecret -}}
{{- else -}}
{{- printf "%s-database" (include "ks-baas.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "ks-baas.databaseSecretKey" -}}
{{- if .Values.postgresql.enabled -}}password{{- else if .Values.database.existingSecret -}}{{ .Values.database.existingSecretKey }}{{- else -}}password{{- end -}}
{{- end -}}

{{- define "ks-baas.databaseHost" -}}
{{- if .Values.postgresql.enabled -}}
{{- printf "%s-postgresql.%s.svc" (include "ks-baas.fullname" .) .Release.Namespace -}}
{{- else -}}
{{- required "database.host is required unless postgresql.enabled (the trial server)" .Values.database.host -}}
{{- end -}}
{{- end -}}

{{- define "ks-baas.databaseUser" -}}
{{- if .Values.postgresql.enabled -}}baas{{- else -}}{{ .Values.database.username }}{{- end -}}
{{- end -}}

{{- define "ks-baas.databaseName" -}}
{{- if .Values.postgresql.enabled -}}baas{{- else -}}{{ .Values.database.name }}{{- end -}}
{{- end -}}

{{/* An existing Secret is read by the pod, so from the release's namespace: KubeSphere's own one elsewhere would never resolve. */}}
{{- define "ks-baas.jwtSecretName" -}}
{{- if and (eq .Values.iam.jwtSecret.existingSecret "kubesphere-secret") (ne .Release.Namespace .Values.kubesphere.namespace) -}}
{{- fail (printf "iam.jwtSecret.existingSecret: kubesphere-secret is in %s, and a pod reads Secrets of its own namespace (%s) only; leave iam.jwtSecret empty and the service reads KubeSphere's jwtSecret there itself" .Values.kubesphere.namespace .Release.Namespace) -}}
{{- end -}}
{{- if .Values.iam.jwtSecret.existingSecret -}}{{ .Values.iam.jwtSecret.existingSecret }}{{- else -}}{{ printf "%s-jwt" (include "ks-baas.fullname" .) }}{{- end -}}
{{- end -}}
