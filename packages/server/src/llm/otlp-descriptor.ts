// The OTLP trace protocol as a protobufjs JSON descriptor, written by hand from
// opentelemetry-proto (collector/trace/v1/trace_service.proto, trace/v1/trace.proto,
// common/v1/common.proto, resource/v1/resource.proto). Field numbers and wire types are the
// protocol; field names are the OTLP/JSON (camelCase) names, so decoded messages and OTLP/JSON
// bodies have the same shape.

const repeated = (type: string, id: number) => ({ rule: 'repeated', type, id });
const field = (type: string, id: number) => ({ type, id });

/** OTLP_TRACE_DESCRIPTOR is the protobufjs JSON descriptor of the OTLP trace export messages. */
export const OTLP_TRACE_DESCRIPTOR = {
  nested: {
    opentelemetry: {
      nested: {
        proto: {
          nested: {
            common: {
              nested: {
                v1: {
                  nested: {
                    AnyValue: {
                      oneofs: {
                        value: {
                          oneof: [
                            'stringValue',
                            'boolValue',
                            'intValue',
                            'doubleValue',
                            'arrayValue',
                            'kvlistValue',
                            'bytesValue',
                          ],
                        },
                      },
                      fields: {
                        stringValue: field('string', 1),
                        boolValue: field('bool', 2),
                        intValue: field('int64', 3),
                        doubleValue: field('double', 4),
                        arrayValue: field('ArrayValue', 5),
                        kvlistValue: field('KeyValueList', 6),
                        bytesValue: field('bytes', 7),
                      },
                    },
                    ArrayValue: { fields: { values: repeated('AnyValue', 1) } },
                    KeyValueList: { fields: { values: repeated('KeyValue', 1) } },
                    KeyValue: { fields: { key: field('string', 1), value: field('AnyValue', 2) } },
                    InstrumentationScope: {
                      fields: {
                        name: field('string', 1),
                        version: field('string', 2),
                        attributes: repeated('KeyValue', 3),
                        droppedAttributesCount: field('uint32', 4),
                      },
                    },
                  },
                },
              },
            },
            resource: {
              nested: {
                v1: {
                  nested: {
                    Resource: {
                      fields: {
                        attributes: repeated('opentelemetry.proto.common.v1.KeyValue', 1),
                        droppedAttributesCount: field('uint32', 2),
                      },
                    },
                  },
                },
              },
            },
            trace: {
              nested: {
                v1: {
                  nested: {
                    ResourceSpans: {
                      fields: {
                        resource: field('opentelemetry.proto.resource.v1.Resource', 1),
                        scopeSpans: repeated('ScopeSpans', 2),
                        schemaUrl: field('string', 3),
                      },
                    },
                    ScopeSpans: {
                      fields: {
                        scope: field('opentelemetry.proto.common.v1.InstrumentationScope', 1),
                        spans: repeated('Span', 2),
                        schemaUrl: field('string', 3),
                      },
                    },
                    Span: {
                      fields: {
                        traceId: field('bytes', 1),
                        spanId: field('bytes', 2),
                        traceState: field('string', 3),
                        parentSpanId: field('bytes', 4),
                        flags: field('fixed32', 16),
                        name: field('string', 5),
                        kind: field('SpanKind', 6),
                        startTimeUnixNano: field('fixed64', 7),
                        endTimeUnixNano: field('fixed64', 8),
                        attributes: repeated('opentelemetry.proto.common.v1.KeyValue', 9),
                        droppedAttributesCount: field('uint32', 10),
                        events: repeated('Event', 11),
                        droppedEventsCount: field('uint32', 12),
                        links: repeated('Link', 13),
                        droppedLinksCount: field('uint32', 14),
                        status: field('Status', 15),
                      },
                      nested: {
                        SpanKind: {
                          values: {
                            SPAN_KIND_UNSPECIFIED: 0,
                            SPAN_KIND_INTERNAL: 1,
                            SPAN_KIND_SERVER: 2,
                            SPAN_KIND_CLIENT: 3,
                            SPAN_KIND_PRODUCER: 4,
                            SPAN_KIND_CONSUMER: 5,
                          },
                        },
                        Event: {
                          fields: {
                            timeUnixNano: field('fixed64', 1),
                            name: field('string', 2),
                            attributes: repeated('opentelemetry.proto.common.v1.KeyValue', 3),
                            droppedAttributesCount: field('uint32', 4),
                          },
                        },
                        Link: {
                          fields: {
                            traceId: field('bytes', 1),
                            spanId: field('bytes', 2),
                            traceState: field('string', 3),
                            attributes: repeated('opentelemetry.proto.common.v1.KeyValue', 4),
                            droppedAttributesCount: field('uint32', 5),
                            flags: field('fixed32', 6),
                          },
                        },
                      },
                    },
                    Status: {
                      fields: {
                        message: field('string', 2),
                        code: field('StatusCode', 3),
                      },
                      nested: {
                        StatusCode: {
                          values: { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 },
                        },
                      },
                    },
                  },
                },
              },
            },
            collector: {
              nested: {
                trace: {
                  nested: {
                    v1: {
                      nested: {
                        ExportTraceServiceRequest: {
                          fields: {
                            resourceSpans: repeated(
                              'opentelemetry.proto.trace.v1.ResourceSpans',
                              1,
                            ),
                          },
                        },
                        ExportTraceServiceResponse: {
                          fields: { partialSuccess: field('ExportTracePartialSuccess', 1) },
                        },
                        ExportTracePartialSuccess: {
                          fields: {
                            rejectedSpans: field('int64', 1),
                            errorMessage: field('string', 2),
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
} as const;
