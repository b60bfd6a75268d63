package io.baas.fabric.sandbox.peer.chaincode;

import com.google.protobuf.ByteString;
import io.baas.fabric.sandbox.peer.endorser.ChaincodeResult;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * A chaincode jar (a fat jar with its contracts and {@code fabric-chaincode-shim}) run in-process
 * through the Java contract API, in a class loader of its own whose parent is the JDK's platform
 * class loader: the shim's class-path scan then sees this jar only, and its static registries
 * (types, metadata) belong to this chaincode alone, so two chaincodes never see each other's
 * contracts. The router is assembled from the shim's parts as {@code ContractRouter} assembles it
 * (routing registry, serializers, metadata, execution service), without its constructor, which
 * reads command-line options and replaces the JVM's logging handlers. Calls run side by side, as
 * in one chaincode process, whose shim serves a peer's transactions from a pool of threads: the
 * contract instances are shared, and each call has its own stub and context.
 */
public final class ContractJar implements ChaincodeRunner {

    private final Path jar;
    private final URLClassLoader loader;
    private final Class<?> stubInterface;
    private final Object routing;
    private final Object factory;
    private final Object executor;
    private final Method createRequest;
    private final Method containsRoute;
    private final Method getTxFn;
    private final Method getContract;
    private final Method getNamespace;
    private final Method getUnknownRoute;
    private final Method executeRequest;
    private final Method newErrorResponse;
    private final Method getStatusCode;
    private final Method getMessage;
    private final Method getPayload;

    private ContractJar(Path jar) throws Exception {
        this.jar = jar;
        this.loader = new URLClassLoader("chaincode:" + jar.getFileName(), new URL[] {url(jar)}, ClassLoader.getPlatformClassLoader());
        Object[] parts = inLoader(() -> {
            Class<?> typeRegistryType = loader.loadClass("org.hyperledger.fabric.contract.routing.TypeRegistry");
            Class<?> routingType = loader.loadClass("org.hyperledger.fabric.contract.routing.RoutingRegistry");
            Object typeRegistry = typeRegistryType.getMethod("getRegistry").invoke(null);
            Object registry = loader.loadClass("org.hyperledger.fabric.contract.routing.impl.RoutingRegistryImpl")
                    .getConstructor().newInstance();
            routingType.getMethod("findAndSetContracts", typeRegistryType).invoke(registry, typeRegistry);
            Class<?> serializerType = loader.loadClass("org.hyperledger.fabric.contract.routing.impl.SerializerRegistryImpl");
            Object serializers = serializerType.getConstructor().newInstance();
            serializerType.getMethod("findAndSetContents").invoke(serializers);
            loader.loadClass("org.hyperledger.fabric.contract.metadata.MetadataBuilder")
                    .getMethod("initialize", routingType, typeRegistryType).invoke(null, registry, typeRegistry);
            Class<?> factoryType = loader.loadClass("org.hyperledger.fabric.contract.execution.ExecutionFactory");
            Object executionFactory = factoryType.getMethod("getInstance").invoke(null);
            Object execution = factoryType.getMethod("createExecutionService", serializerType).invoke(executionFactory, serializers);
            return new Object[] {registry, executionFactory, execution};
        });
        this.routing = parts[0];
        this.factory = parts[1];
        this.executor = parts[2];
        this.stubInterface = loader.loadClass("org.hyperledger.fabric.shim.ChaincodeStub");
        Class<?> routingType = loader.loadClass("org.hyperledger.fabric.contract.routing.RoutingRegistry");
        Class<?> requestType = loader.loadClass("org.hyperledger.fabric.contract.execution.InvocationRequest");
        Class<?> txFnType = loader.loadClass("org.hyperledger.fabric.contract.routing.TxFunction");
        Class<?> responseType = loader.loadClass("org.hyperledger.fabric.shim.Chaincode$Response");
        this.createRequest = factory.getClass().getMethod("createRequest", stubInterface);
        this.containsRoute = routingType.getMethod("containsRoute", requestType);
        this.getTxFn = routingType.getMethod("getTxFn", requestType);
        this.getContract = routingType.getMethod("getContract", String.class);
        this.getNamespace = requestType.getMethod("getNamespace");
        this.getUnknownRoute = loader.loadClass("org.hyperledger.fabric.contract.routing.ContractDefinition").getMethod("getUnknownRoute");
        this.executeRequest = loader.loadClass("org.hyperledger.fabric.contract.execution.ExecutionService")
                .getMethod("executeRequest", txFnType, requestType, stubInterface);
        this.newErrorResponse = loader.loadClass("org.hyperledger.fabric.shim.ResponseUtils").getMethod("newErrorResponse", Throwable.class);
        this.getStatusCode = responseType.getMethod("getStatusCode");
        this.getMessage = responseType.getMethod("getMessage");
        this.getPayload = responseType.getMethod("getPayload");
    }

    /** Loads the jar and registers its contracts. */
    public static ContractJar load(Path jar) {
        try {
            return new ContractJar(jar);
        } catch (Exception e) {
            Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
            throw new ChaincodeExecutionException("cannot load chaincode jar " + jar.getFileName() + ": " + cause, cause);
        }
    }

    public Path jar() {
        return jar;
    }

    /**
     * Runs one transaction as the contract router does: no arguments is a success without payload;
     * otherwise the route of {@code [contract:]function} (or the contract's unknown-transaction
     * handler), executed with the stub over the call. A thrown error becomes the shim's error response.
     */
    @Override
    public ChaincodeResult invoke(ChaincodeCall call) {
        Object stub = StubBridge.create(loader, stubInterface, call);
        Object response;
        try {
            response = inLoader(() -> {
                if (call.proposal().args().isEmpty()) {
                    return null;
                }
                try {
                    Object request = createRequest.invoke(factory, stub);
                    Object txFn = (Boolean) containsRoute.invoke(routing, request)
                            ? getTxFn.invoke(routing, request)
                            : getUnknownRoute.invoke(getContract.invoke(routing, getNamespace.invoke(request)));
                    return executeRequest.invoke(executor, txFn, request, stub);
                } catch (InvocationTargetException e) {
                    return newErrorResponse.invoke(null, e.getCause());
                }
            });
        } catch (Exception | LinkageError e) {
            return new ChaincodeResult(Response.newBuilder().setStatus(500)
                    .setMessage("chaincode jar " + jar.getFileName() + " failed: " + e).build(), java.util.Optional.empty());
        }
        if (response == null) {
            return new ChaincodeResult(Response.newBuilder().setStatus(200).build(), call.event());
        }
        try {
            int status = (Integer) getStatusCode.invoke(response);
            String message = (String) getMessage.invoke(response);
            byte[] payload = (byte[]) getPayload.invoke(response);
            Response.Builder answer = Response.newBuilder().setStatus(status);
            if (message != null) {
                answer.setMessage(message);
            }
            if (payload != null) {
                answer.setPayload(ByteString.copyFrom(payload));
            }
            return new ChaincodeResult(answer.build(), call.event());
        } catch (ReflectiveOperationException e) {
            throw new ChaincodeExecutionException("chaincode jar " + jar.getFileName() + " answered unreadably", e);
        }
    }

    private <T> T inLoader(Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(previous);
            removeOwnProviders();
        }
    }

    /**
     * A jar may register security providers JVM-wide (BouncyCastle's provider is in every shim
     * jar): its copy would then answer the host's lookups and keep this class loader alive.
     * Whatever the jar's own classes registered goes.
     */
    private void removeOwnProviders() {
        for (java.security.Provider provider : java.security.Security.getProviders()) {
            if (provider.getClass().getClassLoader() == loader) {
                java.security.Security.removeProvider(provider.getName());
            }
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        try {
            loader.close();
        } catch (IOException e) {
            // Nothing is left to release that a failed close would keep.
        }
    }
}
