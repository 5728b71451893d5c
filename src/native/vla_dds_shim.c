/* A keyless "opaque CDR blob" sertype for Eclipse Cyclone DDS 0.10.2 and a small C API over it,
 * so that .NET publishes and takes complete CDR payloads (4-byte encapsulation header included)
 * under any DDS topic and type name. All CDR encoding and decoding happens in C#.
 *
 * Matching is by type name only (type-information callbacks left NULL), as rmw_cyclonedds does,
 * so ROS 2 nodes on Cyclone or Fast DDS match our endpoints. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dds/dds.h"
#include "dds/version.h"
#include "dds/ddsi/ddsi_sertype.h"
#include "dds/ddsi/ddsi_serdata.h"
#include "dds/ddsi/q_radmin.h"

#define VLA_API __attribute__((visibility("default")))

/* ---------- the sertype and its serdata ---------- */

/* A sample: the payload bytes, allocated zero-padded to a multiple of 4 because Cyclone may read
 * up to that boundary when it sends. */
struct blob_serdata {
  struct ddsi_serdata c;
  uint32_t size;
  unsigned char *data;
};

/* What dds_write would be given if anyone called it on these topics (we only use writecdr). */
struct blob_sample {
  const unsigned char *data;
  uint32_t size;
};

static uint32_t align4(uint32_t n) { return (n + 3u) & ~3u; }

static const struct ddsi_serdata_ops blob_serdata_ops;

static struct blob_serdata *blob_new(const struct ddsi_sertype *type, enum ddsi_serdata_kind kind, uint32_t size)
{
  struct blob_serdata *d = malloc(sizeof(*d));
  if (d == NULL)
    return NULL;
  ddsi_serdata_init(&d->c, type, kind);
  d->size = size;
  d->data = NULL;
  if (size > 0) {
    d->data = malloc(align4(size));
    if (d->data == NULL) {
      free(d);
      return NULL;
    }
    memset(d->data + size, 0, align4(size) - size);
  }
  return d;
}

static bool blob_eqkey(const struct ddsi_serdata *a, const struct ddsi_serdata *b)
{
  (void)a; (void)b;
  return true; /* keyless: every sample is the one instance */
}

static uint32_t blob_get_size(const struct ddsi_serdata *dcmn)
{
  return ((const struct blob_serdata *)dcmn)->size;
}

static void blob_free(struct ddsi_serdata *dcmn)
{
  struct blob_serdata *d = (struct blob_serdata *)dcmn;
  free(d->data);
  free(d);
}

/* Received data: large samples arrive as a chain of fragments that may overlap. */
static struct ddsi_serdata *blob_from_ser(const struct ddsi_sertype *type, enum ddsi_serdata_kind kind,
                                          const struct nn_rdata *fragchain, size_t size)
{
  if (size > UINT32_MAX)
    return NULL;
  struct blob_serdata *d = blob_new(type, kind, (uint32_t)size);
  if (d == NULL)
    return NULL;
  uint32_t off = 0;
  for (; fragchain != NULL && off < size; fragchain = fragchain->nextfrag) {
    if (fragchain->maxp1 <= off)
      continue;
    const unsigned char *payload = NN_RMSG_PAYLOADOFF(fragchain->rmsg, NN_RDATA_PAYLOAD_OFF(fragchain));
    uint32_t end = fragchain->maxp1 < size ? fragchain->maxp1 : (uint32_t)size;
    memcpy(d->data + off, payload + off - fragchain->min, end - off);
    off = end;
  }
  return &d->c;
}

static struct ddsi_serdata *blob_from_ser_iov(const struct ddsi_sertype *type, enum ddsi_serdata_kind kind,
                                              ddsrt_msg_iovlen_t niov, const ddsrt_iovec_t *iov, size_t size)
{
  if (size > UINT32_MAX)
    return NULL;
  struct blob_serdata *d = blob_new(type, kind, (uint32_t)size);
  if (d == NULL)
    return NULL;
  size_t off = 0;
  for (ddsrt_msg_iovlen_t i = 0; i < niov && off < size; i++) {
    size_t n = iov[i].iov_len < size - off ? iov[i].iov_len : size - off;
    memcpy(d->data + off, iov[i].iov_base, n);
    off += n;
  }
  return &d->c;
}

static struct ddsi_serdata *blob_from_keyhash(const struct ddsi_sertype *type, const struct ddsi_keyhash *keyhash)
{
  (void)keyhash;
  struct blob_serdata *d = blob_new(type, SDK_KEY, 0);
  return d ? &d->c : NULL;
}

static struct ddsi_serdata *blob_from_sample(const struct ddsi_sertype *type, enum ddsi_serdata_kind kind, const void *sample)
{
  const struct blob_sample *s = sample;
  struct blob_serdata *d = blob_new(type, kind, kind == SDK_DATA ? s->size : 0);
  if (d != NULL && kind == SDK_DATA && s->size > 0)
    memcpy(d->data, s->data, s->size);
  return d ? &d->c : NULL;
}

static void blob_to_ser(const struct ddsi_serdata *dcmn, size_t off, size_t sz, void *buf)
{
  const struct blob_serdata *d = (const struct blob_serdata *)dcmn;
  memcpy(buf, d->data + off, sz);
}

static struct ddsi_serdata *blob_to_ser_ref(const struct ddsi_serdata *dcmn, size_t off, size_t sz, ddsrt_iovec_t *ref)
{
  const struct blob_serdata *d = (const struct blob_serdata *)dcmn;
  ref->iov_base = d->data + off;
  ref->iov_len = (ddsrt_iov_len_t)sz;
  return ddsi_serdata_ref(dcmn);
}

static void blob_to_ser_unref(struct ddsi_serdata *dcmn, const ddsrt_iovec_t *ref)
{
  (void)ref;
  ddsi_serdata_unref(dcmn);
}

static bool blob_to_sample(const struct ddsi_serdata *dcmn, void *sample, void **bufptr, void *buflim)
{
  (void)bufptr; (void)buflim;
  const struct blob_serdata *d = (const struct blob_serdata *)dcmn;
  struct blob_sample *s = sample;
  s->data = d->data;
  s->size = d->size;
  return true;
}

static struct ddsi_serdata *blob_to_untyped(const struct ddsi_serdata *dcmn)
{
  struct blob_serdata *d = blob_new(dcmn->type, SDK_KEY, 0);
  if (d == NULL)
    return NULL;
  d->c.type = NULL;
  return &d->c;
}

static bool blob_untyped_to_sample(const struct ddsi_sertype *type, const struct ddsi_serdata *d, void *sample, void **bufptr, void *buflim)
{
  (void)type; (void)d; (void)bufptr; (void)buflim;
  struct blob_sample *s = sample;
  s->data = NULL;
  s->size = 0;
  return true;
}

static size_t blob_print(const struct ddsi_sertype *type, const struct ddsi_serdata *dcmn, char *buf, size_t size)
{
  (void)type;
  const struct blob_serdata *d = (const struct blob_serdata *)dcmn;
  int n = snprintf(buf, size, "cdr blob of %u bytes", d->size);
  return n < 0 ? 0 : (size_t)n;
}

static void blob_get_keyhash(const struct ddsi_serdata *d, struct ddsi_keyhash *buf, bool force_md5)
{
  (void)d; (void)force_md5;
  memset(buf, 0, sizeof(*buf));
}

static const struct ddsi_serdata_ops blob_serdata_ops = {
  .eqkey = blob_eqkey,
  .get_size = blob_get_size,
  .from_ser = blob_from_ser,
  .from_ser_iov = blob_from_ser_iov,
  .from_keyhash = blob_from_keyhash,
  .from_sample = blob_from_sample,
  .to_ser = blob_to_ser,
  .to_ser_ref = blob_to_ser_ref,
  .to_ser_unref = blob_to_ser_unref,
  .to_sample = blob_to_sample,
  .to_untyped = blob_to_untyped,
  .untyped_to_sample = blob_untyped_to_sample,
  .free = blob_free,
  .print = blob_print,
  .get_keyhash = blob_get_keyhash,
  /* shared memory (iceoryx) callbacks stay NULL: SHM is disabled, its default */
};

static void sertype_free(struct ddsi_sertype *tp)
{
  ddsi_sertype_fini(tp);
  free(tp);
}

static void sertype_zero_samples(const struct ddsi_sertype *d, void *samples, size_t count)
{
  (void)d;
  memset(samples, 0, count * sizeof(struct blob_sample));
}

static void sertype_realloc_samples(void **ptrs, const struct ddsi_sertype *d, void *old, size_t oldcount, size_t count)
{
  (void)d;
  struct blob_sample *s = realloc(old, count * sizeof(*s));
  if (s != NULL && count > oldcount)
    memset(s + oldcount, 0, (count - oldcount) * sizeof(*s));
  for (size_t i = 0; i < count; i++)
    ptrs[i] = s ? &s[i] : NULL;
}

static void sertype_free_samples(const struct ddsi_sertype *d, void **ptrs, size_t count, dds_free_op_t op)
{
  (void)d; (void)count;
  if ((op & DDS_FREE_ALL_BIT) && count > 0)
    free(ptrs[0]); /* samples only point into serdata; only the array itself is ours */
}

static bool sertype_equal(const struct ddsi_sertype *a, const struct ddsi_sertype *b)
{
  (void)a; (void)b;
  return true; /* same name and ops already checked by Cyclone */
}

static uint32_t sertype_hash(const struct ddsi_sertype *tp)
{
  (void)tp;
  return 0;
}

static size_t sertype_get_serialized_size(const struct ddsi_sertype *d, const void *sample)
{
  (void)d;
  return ((const struct blob_sample *)sample)->size;
}

static bool sertype_serialize_into(const struct ddsi_sertype *d, const void *sample, void *dst, size_t dst_size)
{
  (void)d;
  const struct blob_sample *s = sample;
  if (dst_size < s->size)
    return false;
  memcpy(dst, s->data, s->size);
  return true;
}

static const struct ddsi_sertype_ops blob_sertype_ops = {
  .version = ddsi_sertype_v0,
  .arg = NULL,
  .free = sertype_free,
  .zero_samples = sertype_zero_samples,
  .realloc_samples = sertype_realloc_samples,
  .free_samples = sertype_free_samples,
  .equal = sertype_equal,
  .hash = sertype_hash,
  /* type_id, type_map, type_info, derive_sertype: NULL, matching is by type name */
  .get_serialized_size = sertype_get_serialized_size,
  .serialize_into = sertype_serialize_into,
};

/* ---------- the API .NET calls ---------- */

VLA_API const char *vla_compiled_version(void) { return DDS_VERSION; }

/* The libddsc file actually loaded, so .NET can tell a mismatching runtime library from the headers. */
VLA_API const char *vla_runtime_library(void)
{
  static char path[PATH_MAX];
  Dl_info info;
  if (dladdr((void *)&dds_create_participant, &info) == 0 || info.dli_fname == NULL)
    return "";
  if (realpath(info.dli_fname, path) == NULL)
    return info.dli_fname;
  return path;
}

VLA_API const char *vla_error_text(int32_t rc) { return dds_strretcode(rc); }

/* Creates a domain from an XML configuration (NULL/empty: Cyclone's default, CYCLONEDDS_URI). */
VLA_API int32_t vla_domain_create(uint32_t domain_id, const char *config)
{
  return dds_create_domain(domain_id, config);
}

VLA_API int32_t vla_participant_create(uint32_t domain_id, const char *user_data)
{
  dds_qos_t *qos = dds_create_qos();
  if (user_data != NULL)
    dds_qset_userdata(qos, user_data, strlen(user_data));
  dds_entity_t p = dds_create_participant(domain_id, qos, NULL);
  dds_delete_qos(qos);
  return p;
}

VLA_API int32_t vla_entity_delete(int32_t entity) { return dds_delete(entity); }

VLA_API int32_t vla_entity_guid(int32_t entity, uint8_t out[16])
{
  dds_guid_t guid;
  dds_return_t rc = dds_get_guid(entity, &guid);
  if (rc == DDS_RETCODE_OK)
    memcpy(out, guid.v, 16);
  return rc;
}

/* Creates a topic of a blob sertype named type_name; *sertype_out is what vla_blob_new takes. */
VLA_API int32_t vla_topic_create(int32_t participant, const char *topic_name, const char *type_name, void **sertype_out)
{
  struct ddsi_sertype *st = calloc(1, sizeof(*st));
  if (st == NULL)
    return DDS_RETCODE_OUT_OF_RESOURCES;
  ddsi_sertype_init_flags(st, type_name, &blob_sertype_ops, &blob_serdata_ops, DDSI_SERTYPE_FLAG_TOPICKIND_NO_KEY);
  struct ddsi_sertype *registered = st;
  dds_entity_t topic = dds_create_topic_sertype(participant, topic_name, &registered, NULL, NULL, NULL);
  if (topic < 0) {
    sertype_free(st);
    return topic;
  }
  *sertype_out = registered; /* Cyclone may hand back an identical sertype it already knew */
  return topic;
}

/* QoS as ROS 2 uses it: the four policies rmw maps, plus nothing else. */
typedef struct vla_qos {
  int32_t reliable;
  int32_t transient_local;
  int32_t keep_all;
  int32_t depth;
} vla_qos;

/* Events reported to .NET from Cyclone's threads. Data is not among them: a node's executor waits for it in a
 * waitset (below), so no sample costs a call into .NET on Cyclone's receive thread. */
enum { VLA_EVENT_REQUESTED_INCOMPATIBLE = 2, VLA_EVENT_OFFERED_INCOMPATIBLE = 3, VLA_EVENT_MATCHED = 4 };
typedef void (*vla_event_fn)(void *ctx, int32_t event, int32_t value);

struct listener_ctx { vla_event_fn fn; void *ctx; };

static dds_qos_t *make_qos(const vla_qos *q, const char *user_data)
{
  dds_qos_t *qos = dds_create_qos();
  /* rmw puts key=value; pairs here: typehash= (Iron and later), clientid= / serviceid= on service endpoints */
  if (user_data != NULL && user_data[0] != 0)
    dds_qset_userdata(qos, user_data, strlen(user_data));
  dds_qset_reliability(qos, q->reliable ? DDS_RELIABILITY_RELIABLE : DDS_RELIABILITY_BEST_EFFORT, DDS_SECS(1));
  dds_qset_durability(qos, q->transient_local ? DDS_DURABILITY_TRANSIENT_LOCAL : DDS_DURABILITY_VOLATILE);
  dds_qset_history(qos, q->keep_all ? DDS_HISTORY_KEEP_ALL : DDS_HISTORY_KEEP_LAST, q->depth > 0 ? q->depth : 1);
  dds_data_representation_id_t xcdr1 = DDS_DATA_REPRESENTATION_XCDR1;
  dds_qset_data_representation(qos, 1, &xcdr1);
  return qos;
}

static void on_requested_incompatible(dds_entity_t reader, const dds_requested_incompatible_qos_status_t st, void *arg)
{
  (void)reader;
  struct listener_ctx *l = arg;
  l->fn(l->ctx, VLA_EVENT_REQUESTED_INCOMPATIBLE, (int32_t)st.last_policy_id);
}

static void on_offered_incompatible(dds_entity_t writer, const dds_offered_incompatible_qos_status_t st, void *arg)
{
  (void)writer;
  struct listener_ctx *l = arg;
  l->fn(l->ctx, VLA_EVENT_OFFERED_INCOMPATIBLE, (int32_t)st.last_policy_id);
}

static void on_subscription_matched(dds_entity_t reader, const dds_subscription_matched_status_t st, void *arg)
{
  (void)reader;
  struct listener_ctx *l = arg;
  l->fn(l->ctx, VLA_EVENT_MATCHED, (int32_t)st.current_count);
}

static void on_publication_matched(dds_entity_t writer, const dds_publication_matched_status_t st, void *arg)
{
  (void)writer;
  struct listener_ctx *l = arg;
  l->fn(l->ctx, VLA_EVENT_MATCHED, (int32_t)st.current_count);
}

/* The listener context lives as long as the process holds the entity; .NET frees it after delete
 * through vla_listener_free (Cyclone guarantees no callback runs once dds_delete returned). */
static dds_listener_t *make_listener(vla_event_fn fn, void *ctx, bool reader, void **ctx_out)
{
  struct listener_ctx *l = malloc(sizeof(*l));
  l->fn = fn;
  l->ctx = ctx;
  *ctx_out = l;
  dds_listener_t *listener = dds_create_listener(l);
  if (reader) {
    dds_lset_requested_incompatible_qos(listener, on_requested_incompatible);
    dds_lset_subscription_matched(listener, on_subscription_matched);
  } else {
    dds_lset_offered_incompatible_qos(listener, on_offered_incompatible);
    dds_lset_publication_matched(listener, on_publication_matched);
  }
  return listener;
}

VLA_API void vla_listener_free(void *listener_ctx) { free(listener_ctx); }

VLA_API int32_t vla_reader_create(int32_t participant, int32_t topic, const vla_qos *q, const char *user_data, vla_event_fn fn, void *ctx, void **listener_ctx)
{
  dds_qos_t *qos = make_qos(q, user_data);
  dds_listener_t *listener = make_listener(fn, ctx, true, listener_ctx);
  dds_entity_t r = dds_create_reader(participant, topic, qos, listener);
  dds_delete_listener(listener);
  dds_delete_qos(qos);
  if (r < 0) {
    free(*listener_ctx);
    *listener_ctx = NULL;
  }
  return r;
}

VLA_API int32_t vla_writer_create(int32_t participant, int32_t topic, const vla_qos *q, const char *user_data, vla_event_fn fn, void *ctx, void **listener_ctx)
{
  dds_qos_t *qos = make_qos(q, user_data);
  dds_listener_t *listener = make_listener(fn, ctx, false, listener_ctx);
  dds_entity_t w = dds_create_writer(participant, topic, qos, listener);
  dds_delete_listener(listener);
  dds_delete_qos(qos);
  if (w < 0) {
    free(*listener_ctx);
    *listener_ctx = NULL;
  }
  return w;
}

/* A sample to be filled in place by .NET (so a message is serialised straight into the memory
 * Cyclone sends from), then either written or freed. */
VLA_API void *vla_blob_new(void *sertype, uint32_t size, uint8_t **data_out)
{
  struct blob_serdata *d = blob_new(sertype, SDK_DATA, size);
  if (d == NULL)
    return NULL;
  *data_out = d->data;
  return d;
}

VLA_API void vla_blob_free(void *blob) { ddsi_serdata_unref(blob); }

/* Writes and consumes the blob. */
VLA_API int32_t vla_blob_write(int32_t writer, void *blob)
{
  return dds_writecdr(writer, blob);
}

typedef struct vla_sample {
  void *handle;             /* pass to vla_sample_release */
  const uint8_t *data;      /* valid until then */
  uint32_t size;
  int32_t valid;            /* 0 for an instance-state-only sample (no payload) */
  int64_t source_timestamp; /* ns since the epoch, from the writer */
  uint64_t publication_handle;
} vla_sample;

/* Takes the oldest sample: 1 taken, 0 none, negative on error. */
VLA_API int32_t vla_take(int32_t reader, vla_sample *out)
{
  struct ddsi_serdata *sd = NULL;
  dds_sample_info_t info;
  dds_return_t n = dds_takecdr(reader, &sd, 1, &info, 0);
  if (n <= 0)
    return n;
  const struct blob_serdata *d = (const struct blob_serdata *)sd;
  out->handle = sd;
  out->data = d->data;
  out->size = d->size;
  out->valid = info.valid_data ? 1 : 0;
  out->source_timestamp = info.source_timestamp;
  out->publication_handle = info.publication_handle;
  return 1;
}

VLA_API void vla_sample_release(void *handle) { ddsi_serdata_unref(handle); }

VLA_API int32_t vla_matched_count(int32_t entity, int32_t is_writer)
{
  if (is_writer) {
    dds_publication_matched_status_t st;
    dds_return_t rc = dds_get_publication_matched_status(entity, &st);
    return rc < 0 ? rc : (int32_t)st.current_count;
  }
  dds_subscription_matched_status_t st;
  dds_return_t rc = dds_get_subscription_matched_status(entity, &st);
  return rc < 0 ? rc : (int32_t)st.current_count;
}

/* ---------- waitsets: what a node's executor thread sleeps in ---------- */

/* A waitset with a guard condition attached (attach argument 0) that vla_waitset_wake triggers. */
VLA_API int32_t vla_waitset_create(int32_t participant, int32_t *guard_out)
{
  dds_entity_t ws = dds_create_waitset(participant);
  if (ws < 0)
    return ws;
  dds_entity_t guard = dds_create_guardcondition(participant);
  dds_return_t rc = guard < 0 ? guard : dds_waitset_attach(ws, guard, 0);
  if (rc < 0) {
    if (guard > 0)
      dds_delete(guard);
    dds_delete(ws);
    return rc;
  }
  *guard_out = guard;
  return ws;
}

/* Makes the waitset report arg (non-zero) while the reader holds any sample (level-triggered, as
 * rmw_cyclonedds does it); the read condition goes when the reader is deleted. */
VLA_API int32_t vla_waitset_attach_reader(int32_t waitset, int32_t reader, int64_t arg)
{
  dds_entity_t cond = dds_create_readcondition(reader, DDS_ANY_STATE);
  if (cond < 0)
    return cond;
  dds_return_t rc = dds_waitset_attach(waitset, cond, (dds_attach_t)arg);
  if (rc < 0)
    dds_delete(cond);
  return rc < 0 ? rc : cond;
}

VLA_API int32_t vla_waitset_wake(int32_t guard) { return dds_set_guardcondition(guard, true); }

_Static_assert(sizeof(dds_attach_t) == sizeof(int64_t), "attach arguments are written straight into the caller's int64 array");

/* Waits up to timeout_ns; writes the attach arguments of the readers holding samples into args (up to max) and
 * returns their count (a wake is consumed and not reported), or a negative error. */
VLA_API int32_t vla_waitset_wait(int32_t waitset, int32_t guard, int64_t *args, int32_t max, int64_t timeout_ns)
{
  if (max <= 0)
    return DDS_RETCODE_BAD_PARAMETER;
  dds_return_t n = dds_waitset_wait(waitset, (dds_attach_t *)args, (size_t)max, timeout_ns);
  if (n < 0)
    return n;
  int32_t count = 0;
  for (int32_t i = 0; i < n && i < max; i++) {
    if (args[i] == 0) {
      bool woken;
      dds_take_guardcondition(guard, &woken);
    } else {
      args[count++] = args[i];
    }
  }
  return count;
}

/* ---------- service plumbing: who is on the other side of a request ---------- */

/* Copies an endpoint's USER_DATA into buf, NUL-terminated and truncated to cap - 1 bytes (cap > 0);
 * returns the length copied (0 when there is none). */
static int32_t copy_userdata(const dds_qos_t *qos, char *buf, int32_t cap)
{
  void *value = NULL;
  size_t size = 0;
  int32_t n = 0;
  if (qos != NULL && dds_qget_userdata(qos, &value, &size) && value != NULL) {
    n = size < (size_t)cap ? (int32_t)size : cap - 1;
    memcpy(buf, value, (size_t)n);
    dds_free(value);
  }
  buf[n] = 0;
  return n;
}

/* Whether USER_DATA of a discovered endpoint contains needle. */
static bool userdata_contains(const dds_qos_t *qos, const char *needle)
{
  void *value = NULL;
  size_t size = 0;
  if (qos == NULL || !dds_qget_userdata(qos, &value, &size) || value == NULL)
    return false;
  bool found = memmem(value, size, needle, strlen(needle)) != NULL;
  dds_free(value);
  return found;
}

/* Copies the USER_DATA of the writer that sent a sample (its publication handle) into buf (NUL-terminated,
 * truncated to cap - 1); returns the length copied, or DDS_RETCODE_NO_DATA when that writer is gone. */
VLA_API int32_t vla_matched_publication_userdata(int32_t reader, uint64_t publication_handle, char *buf, int32_t cap)
{
  if (cap <= 0)
    return DDS_RETCODE_BAD_PARAMETER;
  buf[0] = 0;
  dds_builtintopic_endpoint_t *ep = dds_get_matched_publication_data(reader, publication_handle);
  if (ep == NULL)
    return DDS_RETCODE_NO_DATA;
  int32_t n = copy_userdata(ep->qos, buf, cap);
  dds_builtintopic_free_endpoint(ep);
  return n;
}

/* 1 when the writer has matched a reader whose USER_DATA contains needle (e.g. "clientid=...;"), else 0;
 * negative on error. rmw_cyclonedds services wait for this before replying, or the reply could be lost. */
VLA_API int32_t vla_writer_matches_reader_userdata(int32_t writer, const char *needle)
{
  dds_instance_handle_t handles[64];
  dds_return_t n = dds_get_matched_subscriptions(writer, handles, 64);
  if (n < 0)
    return n;
  for (int32_t i = 0; i < n && i < 64; i++) {
    dds_builtintopic_endpoint_t *ep = dds_get_matched_subscription_data(writer, handles[i]);
    if (ep == NULL)
      continue;
    bool found = userdata_contains(ep->qos, needle);
    dds_builtintopic_free_endpoint(ep);
    if (found)
      return 1;
  }
  return 0;
}

/* ---------- discovery: what `vla topic list` and `topic echo` need to know about the graph ---------- */

VLA_API int32_t vla_endpoint_reader_create(int32_t participant, int32_t publications)
{
  return dds_create_reader(participant, publications ? DDS_BUILTIN_TOPIC_DCPSPUBLICATION : DDS_BUILTIN_TOPIC_DCPSSUBSCRIPTION, NULL, NULL);
}

typedef struct vla_endpoint {
  char topic_name[256];
  char type_name[256];
  uint8_t guid[16];
  uint8_t participant_guid[16];
  int32_t reliable;
  int32_t transient_local;
  int32_t depth;
  char user_data[256]; /* NUL-terminated, truncated: rmw's key=value; pairs (typehash=, clientid=) */
} vla_endpoint;

static void copy_name(char dst[256], const char *src)
{
  strncpy(dst, src ? src : "", 255);
  dst[255] = 0;
}

/* Copies up to max alive endpoints the participant currently knows into out; returns the count or a
 * negative error. Reading (not taking) keeps the reader's cache as the current picture of the graph. */
VLA_API int32_t vla_endpoint_list(int32_t reader, vla_endpoint *out, int32_t max)
{
  if (max <= 0)
    return 0;
  void **samples = calloc((size_t)max, sizeof(void *));
  dds_sample_info_t *infos = calloc((size_t)max, sizeof(dds_sample_info_t));
  if (samples == NULL || infos == NULL) {
    free(samples);
    free(infos);
    return DDS_RETCODE_OUT_OF_RESOURCES;
  }
  dds_return_t n = dds_read_mask(reader, samples, infos, (size_t)max, (uint32_t)max, DDS_ANY_SAMPLE_STATE | DDS_ANY_VIEW_STATE | DDS_ALIVE_INSTANCE_STATE);
  int32_t count = 0;
  for (int32_t i = 0; i < n; i++) {
    const dds_builtintopic_endpoint_t *ep = samples[i];
    if (!infos[i].valid_data)
      continue;
    vla_endpoint *o = &out[count++];
    memset(o, 0, sizeof(*o));
    copy_name(o->topic_name, ep->topic_name);
    copy_name(o->type_name, ep->type_name);
    memcpy(o->guid, ep->key.v, 16);
    memcpy(o->participant_guid, ep->participant_key.v, 16);
    dds_reliability_kind_t rel;
    dds_duration_t blocking;
    if (ep->qos && dds_qget_reliability(ep->qos, &rel, &blocking))
      o->reliable = rel == DDS_RELIABILITY_RELIABLE;
    dds_durability_kind_t dur;
    if (ep->qos && dds_qget_durability(ep->qos, &dur))
      o->transient_local = dur == DDS_DURABILITY_TRANSIENT_LOCAL;
    dds_history_kind_t hist;
    int32_t depth;
    if (ep->qos && dds_qget_history(ep->qos, &hist, &depth))
      o->depth = hist == DDS_HISTORY_KEEP_ALL ? 0 : depth;
    copy_userdata(ep->qos, o->user_data, (int32_t)sizeof o->user_data);
  }
  if (n > 0)
    dds_return_loan(reader, samples, n);
  free(samples);
  free(infos);
  return n < 0 ? n : count;
}
