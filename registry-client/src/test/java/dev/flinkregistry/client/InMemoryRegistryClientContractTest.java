package dev.flinkregistry.client;

import dev.flinkregistry.client.contract.RegistryClientContract;
import dev.flinkregistry.client.contract.SampleJars;

/** The in-memory client keeps the registry's contract, told what the sample JARs offer. */
class InMemoryRegistryClientContractTest extends RegistryClientContract {

    @Override
    protected RegistryClient newRegistry() {
        return new InMemoryRegistryClient("contract", "1.20", SampleJars.identifierSource());
    }
}
