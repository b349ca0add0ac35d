/**
 * Values the registry's server and its clients share: {@link dev.flinkregistry.model.Family} and
 * {@link dev.flinkregistry.model.Sha256}.
 */
package dev.flinkregistry.model;
