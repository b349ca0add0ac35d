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

    private final Map<String, ClassFacts> classes;

    FactoryHierarchy(Map<String, ClassFacts> classes) {
        this.classes = classes;
    }

    /** Concrete public classes of the JAR that implement a Flink factory interface but are not declared. */
    List<String> undeclaredFactories(List<String> declared) {
        Set<String> declaredNames = new HashSet<>(declared);
        List<String> undeclared = new ArrayList<>();
        for (ClassFacts facts : classes.values()) {
            String dotted = facts.name().replace('/', '.');
            if (facts.isConcretePublic() && !declaredNames.contains(dotted) && implementsFactory(facts.name())) {
                undeclared.add(dotted);
            }
        }
        undeclared.sort(null);
        return undeclared;
    }

    boolean implementsFactory(String internalName) {
        return reaches(internalName, FactoryHierarchy::isFactoryInterface);
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
