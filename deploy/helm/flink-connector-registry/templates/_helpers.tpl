{{/* The release's base name, at most 63 characters (a DNS label). */}}
{{- define "fcr.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The analysis service's name: its Deployment, Service and NetworkPolicy. */}}
{{- define "fcr.analysisName" -}}
{{- printf "%s-analysis" (include "fcr.fullname" . | trunc 54 | trimSuffix "-") -}}
{{- end -}}

{{- define "fcr.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "fcr.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "fcr.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selects one component's pods: server or analysis-service. */}}
{{- define "fcr.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fcr.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "fcr.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "fcr.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret holding the token the servers present to the analysis service. */}}
{{- define "fcr.analysisTokenSecret" -}}
{{- .Values.analysisService.token.existingSecret | required "analysisService.token.existingSecret: the Secret with the token the servers present to the analysis service" -}}
{{- end -}}

{{- define "fcr.image" -}}
{{- printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag) -}}
{{- end -}}
