package dev.flinkregistry.analyzer;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Answers questions about the JAR's class hierarchy without loading anything: which classes are
 * factories, and whether a source factory creates a source that supports lookups.
 */
final class FactoryHierarchy {

    private static final String LOOKUP_SOURCE = "org/apache/flink/table/connector/source/LookupTableSource";
    private static final String CREATE_SOURCE = "createDynamicTableSource";
    private static final int MAX_METHODS = 200;

    /** The interfaces Flink's discovery asks for (as the worker's FactoryFamilies lists them). */
    private static final Set<String> DISCOVERY = Set.of(
            "org/apache/flink/table/factories/DynamicTableSourceFactory",
            "org/apache/flink/table/factories/DynamicTableSinkFactory",
            "org/apache/flink/table/factories/DeserializationFormatFactory",
            "org/apache/flink/table/factories/SerializationFormatFactory",
            "org/apache/flink/connector/file/table/factories/BulkReaderFormatFactory",
            "org/apache/flink/connector/file/table/factories/BulkWriterFormatFactory",
            "org/apache/flink/table/factories/CatalogFactory",
            "org/apache/flink/table/factories/CatalogStoreFactory",
            "org/apache/flink/table/factories/ModuleFactory",
            "org/apache/flink/table/factories/ModelProviderFactory",
            "org/apache/flink/table/factories/WorkflowSchedulerFactory",
            "org/apache/flink/table/factories/ManagedTableFactory",
            "org/apache/flink/table/delegation/ExecutorFactory",
            "org/apache/flink/table/delegation/PlannerFactory");

    private final Map<String, ClassFacts> classes;
    private Set<String> factories;
    private Map<String, List<String>> children;
    private Set<String> beyondTheJar;
    private FlinkRuntime beyondTheJarOf;

    FactoryHierarchy(Map<String, ClassFacts> classes) {
        this.classes = classes;
    }

    /** Concrete public classes of the JAR that implement a Flink factory interface but are not declared. */
    List<String> undeclaredFactories(List<String> declared) {
        Set<String> declaredNames = new HashSet<>(declared);
        Set<String> factories = factories();
        List<String> undeclared = new ArrayList<>();
        for (ClassFacts facts : classes.values()) {
            String dotted = facts.name().replace('/', '.');
            if (facts.isConcretePublic() && !declaredNames.contains(dotted) && factories.contains(facts.name())) {
                undeclared.add(dotted);
            }
        }
        undeclared.sort(null);
        return undeclared;
    }

    boolean implementsFactory(String internalName) {
        return factories().contains(internalName);
    }

    /** Whether the class (internal name) is in the JAR. */
    boolean contains(String internalName) {
        return classes.containsKey(internalName);
    }

    /**
     * Whether the JAR's own classes allow this class to be a factory: it reaches a Flink factory
     * interface through them, or an ancestor the JAR does not hold but Flink ships and names like
     * its factories ({@code ...Factory}), whose own ancestry the analyzer's index does not hold
     * (e.g. a connector extending FileSystemTableFactory).
     */
    boolean mayBeFactory(String internalName, FlinkRuntime runtime) {
        if (implementsFactory(internalName)) {
            return true;
        }
        if (beyondTheJar == null || beyondTheJarOf != runtime) {
            beyondTheJar = reachingFrom(name -> !classes.containsKey(name) && runtime.ships(name)
                    && name.endsWith("Factory"));
            beyondTheJarOf = runtime;
        }
        return beyondTheJar.contains(internalName);
    }

    /**
     * The discovery interfaces (simple names, as the worker reports them) the class implements by what
     * the JAR's own classes show; a worker's report must name at least these.
     */
    Set<String> provenDiscovery(String internalName) {
        Set<String> proven = new java.util.TreeSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(internalName));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            if (DISCOVERY.contains(name)) {
                proven.add(name.substring(name.lastIndexOf('/') + 1));
            }
            ClassFacts facts = classes.get(name);
            if (facts != null) {
                if (facts.superName() != null) {
                    pending.push(facts.superName());
                }
                facts.interfaces().forEach(pending::push);
            }
        }
        return proven;
    }

    /** The JAR's classes that reach a factory interface, computed once, in time linear in the hierarchy. */
    private Set<String> factories() {
        if (factories == null) {
            factories = reachingFrom(FactoryHierarchy::isFactoryInterface);
        }
        return factories;
    }

    /** The JAR's classes with an ancestor (not themselves) that matches, by one walk down from every match. */
    private Set<String> reachingFrom(java.util.function.Predicate<String> target) {
        Map<String, List<String>> children = children();
        Deque<String> pending = new ArrayDeque<>();
        children.keySet().stream().filter(target).forEach(pending::add);
        Set<String> reached = new HashSet<>();
        while (!pending.isEmpty()) {
            for (String child : children.getOrDefault(pending.pop(), List.of())) {
                if (reached.add(child)) {
                    pending.add(child);
                }
            }
        }
        return reached;
    }

    private Map<String, List<String>> children() {
        if (children == null) {
            Map<String, List<String>> byParent = new java.util.HashMap<>();
            for (ClassFacts facts : classes.values()) {
                if (facts.superName() != null) {
                    byParent.computeIfAbsent(facts.superName(), k -> new ArrayList<>()).add(facts.name());
                }
                for (String parent : facts.interfaces()) {
                    byParent.computeIfAbsent(parent, k -> new ArrayList<>()).add(facts.name());
                }
            }
            children = byParent;
        }
        return children;
    }

    private boolean reaches(String start, java.util.function.Predicate<String> target) {
        Deque<String> pending = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (!seen.add(name)) {
                continue;
            }
            if (!name.equals(start) && target.test(name)) {
                return true;
            }
            ClassFacts facts = classes.get(name);
            if (facts != null) {
                if (facts.superName() != null) {
                    pending.push(facts.superName());
                }
                facts.interfaces().forEach(pending::push);
            }
        }
        return false;
    }

    static boolean isFactoryInterface(String name) {
        boolean factoriesPackage = name.startsWith("org/apache/flink/table/factories/")
                || name.startsWith("org/apache/flink/connector/file/table/factories/");
        return factoriesPackage && name.endsWith("Factory") && !name.endsWith("/TableFactory")
                && !name.endsWith("TableSourceFactory") && !name.endsWith("TableSinkFactory")
                || name.equals("org/apache/flink/table/factories/DynamicTableSourceFactory")
                || name.equals("org/apache/flink/table/factories/DynamicTableSinkFactory")
                || name.equals("org/apache/flink/table/delegation/ExecutorFactory")
                || name.equals("org/apache/flink/table/delegation/PlannerFactory");
    }

    /**
     * Whether the source this factory creates implements {@code LookupTableSource}: follows
     * {@code createDynamicTableSource} through the factory's own methods and looks at every type
     * it instantiates or gets back from a call.
     */
    boolean createsLookupSource(OpenedArchive archive, String factoryClass) throws IOException {
        Set<String> created = new HashSet<>();
        Deque<String[]> pending = new ArrayDeque<>();
        Set<String> visited = new HashSet<>();
        for (String owner = factoryClass.replace('.', '/'); owner != null && classes.containsKey(owner);
                owner = classes.get(owner).superName()) {
            pending.add(new String[] {owner, CREATE_SOURCE, null});
        }
        while (!pending.isEmpty() && visited.size() < MAX_METHODS) {
            String[] method = pending.pop();
            if (visited.add(String.join("#", method[0], method[1], String.valueOf(method[2])))) {
                visitMethod(archive, method, created, pending);
            }
        }
        return created.stream().anyMatch(type -> type.equals(LOOKUP_SOURCE) || reaches(type, LOOKUP_SOURCE::equals));
    }

    private void visitMethod(OpenedArchive archive, String[] method, Set<String> created, Deque<String[]> pending)
            throws IOException {
        ZipEntry entry = archive.zip().getEntry(method[0] + ".class");
        if (entry == null) {
            return;
        }
        byte[] bytes;
        try (InputStream in = archive.zip().getInputStream(entry)) {
            bytes = in.readNBytes(16 << 20);
        }
        String owner = method[0];
        try {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    if (!name.equals(method[1]) || (method[2] != null && !method[2].equals(descriptor))) {
                        return null;
                    }
                    addObjectType(Type.getReturnType(descriptor), created);
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitTypeInsn(int opcode, String type) {
                            if (opcode == Opcodes.NEW) {
                                created.add(type);
                            }
                        }

                        @Override
                        public void visitMethodInsn(int opcode, String callOwner, String callName, String callDescriptor,
                                                    boolean isInterface) {
                            addObjectType(Type.getReturnType(callDescriptor), created);
                            if (callOwner.equals(owner) || classes.containsKey(callOwner) && reaches(owner, callOwner::equals)) {
                                pending.add(new String[] {callOwner, callName, callDescriptor});
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (RuntimeException unparsable) {
            // A class ASM cannot read is judged by the worker, not here.
        }
    }

    private static void addObjectType(Type type, Set<String> into) {
        if (type.getSort() == Type.OBJECT) {
            into.add(type.getInternalName());
        }
    }
}
