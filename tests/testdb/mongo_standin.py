#!/usr/bin/python3
"""MongoDB-wire-compatible stand-in server for libstore tests.

Wire protocol handling comes from mockupdb (OP_QUERY + OP_MSG), query /
update / aggregation semantics from mongomock.  Looks like a standalone
mongod 5.0 (maxWireVersion 13) to libmongoc 1.23 and pymongo.

Usage:
    /usr/bin/python3 tests/testdb/mongo_standin.py [--port N] [--port-file PATH]
                                                    [--verbose]

Port 0 (default) picks a free port.  Binds 127.0.0.1 only.  Once listening,
the port is written to --port-file (atomically) and printed to stdout.
Runs until SIGTERM / SIGINT, then exits 0.

Extra (non-MongoDB) control commands, sent to the `admin` database:
    {libstoreCounters: 1}       -> {ok: 1, counters: {<command>: <count>}}
    {libstoreResetCounters: 1}  -> {ok: 1}
Counters count every command received except hello/isMaster and the two
control commands.

Known limitations (mongomock): no transactions (refused with code 20 like a
real standalone), no arrayFilters, no $text, no collation, no pipeline-style
updates, no TTL expiry (expireAfterSeconds is accepted and ignored).
"""

import argparse
import copy
import datetime
import os
import random
import signal
import socket
import struct
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Mapping

import bson
from bson.codec_options import CodecOptions
from bson.int64 import Int64
from bson.objectid import ObjectId
from bson.raw_bson import RawBSONDocument

import mockupdb
import mongomock
import mongomock.collection as _mm_collection
from mongomock import helpers as _mm_helpers
from mongomock import aggregate as _mm_aggregate
from mongomock.filtering import filter_applies

try:  # mongomock re-exports pymongo's error classes when pymongo is present
    from pymongo.errors import BulkWriteError as _BulkWriteError
except ImportError:  # pragma: no cover
    _BulkWriteError = mongomock.BulkWriteError

# ---------------------------------------------------------------------------
# constants

MAX_WIRE_VERSION = 13
MAX_BSON_SIZE = 16 * 1024 * 1024
MAX_MESSAGE_SIZE = 48000000
MAX_WRITE_BATCH = 100000
DEFAULT_FIRST_BATCH = 101
# Leave headroom for the reply envelope around a batch of documents.
BATCH_BYTES_LIMIT = MAX_BSON_SIZE - 64 * 1024

OP_REPLY = 1
OP_MSG = 2013
OP_MSG_MORE_TO_COME = 1 << 1

# Naive datetimes are UTC; ms precision round-trips exactly.
CODEC = CodecOptions(tz_aware=False)

# Envelope / session fields that do not affect command semantics here.
IGNORED_FIELDS = frozenset([
    'lsid', '$db', '$clusterTime', 'txnNumber', '$readPreference',
    'readConcern', 'writeConcern', 'apiVersion', 'apiStrict',
    'apiDeprecationErrors', 'maxTimeMS', 'comment', '$queryOptions',
    'bypassDocumentValidation', 'allowDiskUse', 'hint', 'let', '$audit',
    'mayBypassWriteBlocking', '$client', 'stmtId', 'stmtIds',
])

HANDSHAKE = frozenset(['hello', 'ismaster'])
CONTROL = frozenset(['libstorecounters', 'libstoreresetcounters'])

CANONICAL = {n.lower(): n for n in [
    'hello', 'isMaster', 'ping', 'buildInfo', 'getParameter', 'endSessions',
    'killCursors', 'createIndexes', 'listIndexes', 'dropIndexes', 'create',
    'drop', 'dropDatabase', 'listCollections', 'listDatabases', 'insert',
    'update', 'delete', 'find', 'getMore', 'count', 'distinct', 'aggregate',
    'findAndModify', 'commitTransaction', 'abortTransaction',
    'libstoreCounters', 'libstoreResetCounters', 'getLastError',
    'serverStatus', 'hostInfo', 'whatsmyuri', 'connectionStatus',
    'getCmdLineOpts', 'getLog', 'saslStart', 'saslContinue', 'logout',
    'refreshSessions', 'startSession', 'killSessions', 'collStats', 'dbStats',
    'renameCollection', 'explain', 'validate', 'mapReduce', 'shutdown',
    'setFeatureCompatibilityVersion', 'currentOp', 'killOp',
]}


class CommandError(Exception):
    def __init__(self, code, code_name, errmsg, **extra):
        Exception.__init__(self, errmsg)
        self.code = code
        self.code_name = code_name
        self.errmsg = errmsg
        self.extra = extra


# ---------------------------------------------------------------------------
# mongomock patches (applied once at import)

def _id_lookup_keys(value):
    """Store keys for a `{_id: value}` filter clause, or None if unsuitable."""
    if isinstance(value, Mapping):
        keys = list(value.keys())
        if any(k.startswith('$') for k in keys):
            if keys == ['$eq']:
                return _id_lookup_keys(value['$eq'])
            if keys == ['$in'] and isinstance(value['$in'], list):
                out = []
                seen = set()
                for v in value['$in']:
                    ks = _id_lookup_keys(v)
                    if ks is None:
                        return None
                    for k in ks:
                        try:
                            if k in seen:
                                continue
                            seen.add(k)
                        except TypeError:
                            return None
                        out.append(k)
                return out
            return None
        return [_mm_helpers.hashdict(value)]
    if isinstance(value, (str, int, float, ObjectId, datetime.datetime,
                          bytes, uuid.UUID, bson.Binary)) \
            and not isinstance(value, bool):
        return [value]
    return None  # lists, regexes, None, bools, exotic types: slow path


_orig_iter_documents = _mm_collection.Collection._iter_documents


def _fast_iter_documents(self, filter):  # noqa: A002 (mongomock's name)
    """_id fast path: look the document up instead of scanning."""
    if isinstance(filter, Mapping) and '_id' in filter:
        keys = _id_lookup_keys(filter['_id'])
        if keys is not None:
            docs = self._store._documents
            out = []
            try:
                for key in keys:
                    doc = docs.get(key)
                    if doc is not None and filter_applies(filter, doc):
                        out.append(doc)
            except TypeError:  # unhashable key after all
                return _orig_iter_documents(self, filter)
            return iter(out)
    return _orig_iter_documents(self, filter)


_mm_collection.Collection._iter_documents = _fast_iter_documents


def _int64_result(old, operand, result):
    if type(result) is int and (isinstance(old, Int64) or isinstance(operand, Int64)):
        return Int64(result)
    return result


def _inc_updater(doc, field_name, value):
    """$inc that keeps BSON int64 fields int64 (mongomock makes them int)."""
    if isinstance(doc, dict):
        old = doc.get(field_name, 0)
        doc[field_name] = _int64_result(old, value, old + value)
    elif isinstance(doc, list):
        idx = int(field_name)
        if idx < 0:
            raise mongomock.WriteError('Negative index provided')
        if idx < len(doc):
            doc[idx] = _int64_result(doc[idx], value, doc[idx] + value)
        else:
            doc += [None] * (idx - len(doc))
            doc.append(value)


def _mul_updater(doc, field_name, value):
    if isinstance(doc, dict):
        old = doc.get(field_name, 0)
        doc[field_name] = _int64_result(old, value, old * value)
    elif isinstance(doc, list):
        idx = int(field_name)
        if 0 <= idx < len(doc):
            doc[idx] = _int64_result(doc[idx], value, doc[idx] * value)


def _now_ms():
    now = datetime.datetime.utcnow()
    return now.replace(microsecond=(now.microsecond // 1000) * 1000)


def _current_date_updater(doc, field_name, value):
    if isinstance(doc, dict):
        if value == {'$type': 'timestamp'}:
            doc[field_name] = _mm_helpers.get_current_timestamp()
        else:
            doc[field_name] = _now_ms()


_mm_collection._updaters['$inc'] = _inc_updater
_mm_collection._updaters['$mul'] = _mul_updater
_mm_collection._current_date_updater = _current_date_updater


# ---------------------------------------------------------------------------
# helpers

def _strip(cmd):
    return {k: v for k, v in cmd.items() if k not in IGNORED_FIELDS}


def _get_path(doc, path):
    cur = doc
    for part in path.split('.'):
        if isinstance(cur, Mapping):
            if part not in cur:
                return None
            cur = cur[part]
        elif isinstance(cur, list):
            try:
                cur = cur[int(part)]
            except (ValueError, IndexError):
                return None
        else:
            return None
    return cur


def _bson_repr(value):
    try:
        from bson import json_util
        return json_util.dumps(value)
    except Exception:  # pragma: no cover
        return repr(value)


def _error_from_exception(exc):
    """Map a mongomock / Python exception to (code, codeName, errmsg)."""
    code = getattr(exc, 'code', None)
    if not isinstance(code, int) or isinstance(code, bool) or code == 0:
        code = None
    msg = str(exc) or exc.__class__.__name__
    if 'immutable' in msg or 'cannot be changed' in msg:
        return 66, 'ImmutableField', msg
    if isinstance(exc, TypeError):
        return 14, 'TypeMismatch', msg
    if isinstance(exc, NotImplementedError):
        return 2, 'BadValue', 'not supported by the libstore mongo stand-in: ' + msg
    if code is None:
        return 2, 'BadValue', msg
    names = {11000: 'DuplicateKey', 2: 'BadValue', 9: 'FailedToParse',
             14: 'TypeMismatch', 66: 'ImmutableField', 26: 'NamespaceNotFound',
             27: 'IndexNotFound', 85: 'IndexOptionsConflict',
             86: 'IndexKeySpecsConflict', 48: 'NamespaceExists'}
    return code, names.get(code, 'Location%d' % code), msg


def _split_batch(docs, start, batch_size):
    """Encode up to batch_size docs (0 = unlimited) starting at start,
    respecting the 16 MiB reply limit.  Returns (raw_docs, next_start)."""
    out = []
    total = 0
    i = start
    n = len(docs)
    while i < n and (batch_size <= 0 or len(out) < batch_size):
        raw = bson.encode(docs[i], codec_options=CODEC)
        if out and total + len(raw) > BATCH_BYTES_LIMIT:
            break
        total += len(raw)
        out.append(RawBSONDocument(raw))
        i += 1
    return out, i


# ---------------------------------------------------------------------------
# the backend: command interpretation

class Backend(object):
    def __init__(self):
        self.lock = threading.RLock()
        self.client = mongomock.MongoClient()
        self.counters = {}
        self.cursors = {}
        self.connection_ids = {}
        self.next_connection_id = 1
        self.started = time.time()

    # -- plumbing ----------------------------------------------------------

    def coll(self, db, name):
        if not isinstance(name, str) or not name:
            raise CommandError(73, 'InvalidNamespace',
                               'collection name must be a non-empty string')
        return self.client[db][name]

    def coll_exists(self, db, name):
        return self.client[db]._store[name].is_created

    def _connection_id(self, request):
        try:
            key = request.client_port
        except Exception:
            key = id(request)
        cid = self.connection_ids.get(key)
        if cid is None:
            cid = self.connection_ids[key] = self.next_connection_id
            self.next_connection_id += 1
        return cid

    def handle(self, request):
        """Handle one request; returns the reply document or None (no reply)."""
        with self.lock:
            if isinstance(request, mockupdb.OpMsg) or isinstance(request, mockupdb.Command):
                cmd = request.doc
                if '$query' in cmd and isinstance(cmd['$query'], Mapping):
                    cmd = cmd['$query']
                db = request.namespace
                if isinstance(request, mockupdb.OpMsg):
                    db = cmd.get('$db', db)
                return self.run_command(db, cmd, request)
            if isinstance(request, mockupdb.OpQuery):
                return {'$err': 'legacy OP_QUERY is not supported', 'code': 2}
            return None  # legacy OP_GET_MORE / OP_KILL_CURSORS / writes

    def run_command(self, db, cmd, request=None):
        if not cmd:
            return self._err(59, 'CommandNotFound', 'empty command')
        name = next(iter(cmd))
        lname = name.lower()
        canon = CANONICAL.get(lname, name)
        if lname not in HANDSHAKE and lname not in CONTROL:
            self.counters[canon] = self.counters.get(canon, 0) + 1
        try:
            if ('startTransaction' in cmd or 'autocommit' in cmd
                    or lname in ('committransaction', 'aborttransaction')):
                raise CommandError(
                    20, 'IllegalOperation',
                    'Transaction numbers are only allowed on a replica set '
                    'member or mongos')
            if 'collation' in cmd or any(
                    isinstance(s, Mapping) and 'collation' in s
                    for key in ('updates', 'deletes') for s in cmd.get(key) or []):
                raise CommandError(2, 'BadValue',
                                   'collation is not supported by the libstore stand-in')
            handler = getattr(self, 'cmd_' + lname, None)
            if handler is None:
                raise CommandError(59, 'CommandNotFound',
                                   "no such command: '%s'" % name)
            reply = handler(db, name, _strip(cmd), request)
            reply.setdefault('ok', 1.0)
            return reply
        except CommandError as exc:
            return self._err(exc.code, exc.code_name, exc.errmsg, **exc.extra)
        except Exception as exc:  # mongomock error or bug: never kill the server
            code, code_name, msg = _error_from_exception(exc)
            if not isinstance(exc, (mongomock.OperationFailure, NotImplementedError,
                                    ValueError, TypeError)):
                traceback.print_exc()
            return self._err(code, code_name, msg)

    @staticmethod
    def _err(code, code_name, errmsg, **extra):
        doc = {'ok': 0.0, 'errmsg': errmsg, 'code': code, 'codeName': code_name}
        doc.update(extra)
        return doc

    # -- handshake / misc --------------------------------------------------

    def _hello(self, request):
        return {
            'helloOk': True,
            'ismaster': True,
            'isWritablePrimary': True,
            'maxBsonObjectSize': MAX_BSON_SIZE,
            'maxMessageSizeBytes': MAX_MESSAGE_SIZE,
            'maxWriteBatchSize': MAX_WRITE_BATCH,
            'localTime': _now_ms(),
            'logicalSessionTimeoutMinutes': 30,
            'connectionId': self._connection_id(request),
            'minWireVersion': 0,
            'maxWireVersion': MAX_WIRE_VERSION,
            'readOnly': False,
            'ok': 1.0,
        }

    def cmd_hello(self, db, name, cmd, request):
        return self._hello(request)

    cmd_ismaster = cmd_hello

    def cmd_ping(self, db, name, cmd, request):
        return {}

    def cmd_buildinfo(self, db, name, cmd, request):
        return {'version': '5.0.0', 'versionArray': [5, 0, 0, 0],
                'gitVersion': 'libstore-standin', 'bits': 64,
                'maxBsonObjectSize': MAX_BSON_SIZE, 'storageEngines': [],
                'javascriptEngine': 'none', 'debug': False}

    def cmd_getparameter(self, db, name, cmd, request):
        return {}

    def cmd_endsessions(self, db, name, cmd, request):
        return {}

    def cmd_libstorecounters(self, db, name, cmd, request):
        return {'counters': dict(self.counters)}

    def cmd_libstoreresetcounters(self, db, name, cmd, request):
        self.counters.clear()
        return {}

    # -- cursors -----------------------------------------------------------

    def _cursor_reply(self, ns, docs, batch_size=None, single_batch=False):
        if batch_size is None:
            batch_size = DEFAULT_FIRST_BATCH
        batch, nxt = _split_batch(docs, 0, batch_size)
        cursor_id = 0
        if nxt < len(docs) and not single_batch:
            while True:
                cursor_id = random.randint(1, 2 ** 62)
                if cursor_id not in self.cursors:
                    break
            self.cursors[cursor_id] = {'ns': ns, 'docs': docs, 'pos': nxt}
        return {'cursor': {'firstBatch': batch, 'id': Int64(cursor_id), 'ns': ns}}

    @staticmethod
    def _batch_size(value, what='batchSize'):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise CommandError(2, 'BadValue', '%s must be a non-negative number' % what)
        return int(value)

    def cmd_getmore(self, db, name, cmd, request):
        cursor_id = int(cmd[name])
        coll = cmd.get('collection')
        ns = '%s.%s' % (db, coll)
        cur = self.cursors.get(cursor_id)
        if cur is None or cur['ns'] != ns:
            raise CommandError(43, 'CursorNotFound',
                               'cursor id %d not found' % cursor_id)
        batch_size = self._batch_size(cmd.get('batchSize')) or 0
        batch, nxt = _split_batch(cur['docs'], cur['pos'], batch_size)
        cur['pos'] = nxt
        if nxt >= len(cur['docs']):
            del self.cursors[cursor_id]
            cursor_id = 0
        return {'cursor': {'nextBatch': batch, 'id': Int64(cursor_id), 'ns': ns}}

    def cmd_killcursors(self, db, name, cmd, request):
        killed, not_found = [], []
        for cid in cmd.get('cursors') or []:
            if self.cursors.pop(int(cid), None) is not None:
                killed.append(Int64(cid))
            else:
                not_found.append(Int64(cid))
        return {'cursorsKilled': killed, 'cursorsNotFound': not_found,
                'cursorsAlive': [], 'cursorsUnknown': []}

    # -- collections / databases / indexes ---------------------------------

    def cmd_create(self, db, name, cmd, request):
        cname = cmd[name]
        if self.coll_exists(db, cname):
            raise CommandError(48, 'NamespaceExists',
                               'Collection %s.%s already exists.' % (db, cname))
        self.client[db].create_collection(cname)
        return {}

    def cmd_drop(self, db, name, cmd, request):
        cname = cmd[name]
        if not self.coll_exists(db, cname):
            raise CommandError(26, 'NamespaceNotFound', 'ns not found')
        coll = self.coll(db, cname)
        n_idx = 1 + len(coll._store.indexes)
        self.client[db].drop_collection(cname)
        self._drop_cursors('%s.%s' % (db, cname))
        return {'nIndexesWas': n_idx, 'ns': '%s.%s' % (db, cname)}

    def _drop_cursors(self, ns_prefix, whole_db=False):
        for cid in list(self.cursors):
            ns = self.cursors[cid]['ns']
            if ns == ns_prefix or (whole_db and ns.startswith(ns_prefix + '.')):
                del self.cursors[cid]

    def cmd_dropdatabase(self, db, name, cmd, request):
        self.client.drop_database(db)
        self._drop_cursors(db, whole_db=True)
        return {'dropped': db}

    def cmd_listcollections(self, db, name, cmd, request):
        store = self.client[db]._store
        infos = []
        for cname in sorted(store.list_created_collection_names()):
            info = {'name': cname, 'type': 'collection', 'options': {},
                    'info': {'readOnly': False},
                    'idIndex': {'v': 2, 'key': {'_id': 1}, 'name': '_id_'}}
            if cmd.get('nameOnly'):
                info = {'name': cname, 'type': 'collection'}
            infos.append(info)
        flt = cmd.get('filter')
        if flt:
            infos = [i for i in infos if filter_applies(flt, i)]
        batch_size = self._batch_size((cmd.get('cursor') or {}).get('batchSize'))
        return self._cursor_reply('%s.$cmd.listCollections' % db, infos,
                                  batch_size if batch_size is not None else 0)

    def cmd_listdatabases(self, db, name, cmd, request):
        names = sorted(self.client._store.list_created_database_names())
        if cmd.get('nameOnly'):
            dbs = [{'name': n} for n in names]
        else:
            dbs = [{'name': n, 'sizeOnDisk': Int64(8192), 'empty': False} for n in names]
        flt = cmd.get('filter')
        if flt:
            dbs = [d for d in dbs if filter_applies(flt, d)]
        reply = {'databases': dbs}
        if not cmd.get('nameOnly'):
            reply['totalSize'] = Int64(8192 * len(dbs))
        return reply

    def cmd_createindexes(self, db, name, cmd, request):
        cname = cmd[name]
        specs = cmd.get('indexes')
        if not isinstance(specs, list) or not specs:
            raise CommandError(2, 'BadValue', "Must specify at least one index to create")
        created_coll = not self.coll_exists(db, cname)
        coll = self.coll(db, cname)
        store = coll._store
        before = 1 + len(store.indexes)
        for spec in specs:
            key = spec.get('key')
            iname = spec.get('name')
            if not isinstance(key, Mapping) or not key:
                raise CommandError(67, 'CannotCreateIndex', 'index key must be a non-empty document')
            if not isinstance(iname, str) or not iname:
                raise CommandError(9, 'FailedToParse', "index 'name' is required")
            key_list = list(key.items())
            if key_list == [('_id', 1)] or iname == '_id_':
                continue
            unique = bool(spec.get('unique', False))
            sparse = bool(spec.get('sparse', False))
            existing = store.indexes.get(iname)
            if existing is not None:
                if [tuple(k) for k in existing['key']] != key_list:
                    raise CommandError(
                        86, 'IndexKeySpecsConflict',
                        'An existing index has the same name as the requested '
                        'index but a different key: %s' % iname)
                if (bool(existing.get('unique')) != unique
                        or bool(existing.get('sparse')) != sparse
                        or existing.get('partialFilterExpression')
                        != spec.get('partialFilterExpression')):
                    raise CommandError(
                        85, 'IndexOptionsConflict',
                        'Index with name: %s already exists with different options' % iname)
                continue  # identical: idempotent
            for other_name, other in store.indexes.items():
                if [tuple(k) for k in other['key']] == key_list:
                    raise CommandError(
                        85, 'IndexOptionsConflict',
                        'Index already exists with a different name: %s' % other_name)
            kwargs = {'name': iname, 'unique': unique, 'sparse': sparse}
            if spec.get('partialFilterExpression') is not None:
                kwargs['partialFilterExpression'] = spec['partialFilterExpression']
            try:
                coll.create_index(key_list, **kwargs)
            except mongomock.DuplicateKeyError:
                raise CommandError(11000, 'DuplicateKey',
                                   'E11000 duplicate key error collection: %s.%s index: %s'
                                   % (db, cname, iname))
            if spec.get('expireAfterSeconds') is not None:
                # Recorded for listIndexes, but TTL expiry is NOT enforced.
                store.indexes[iname]['expireAfterSeconds'] = spec['expireAfterSeconds']
                store._ttl_indexes.pop(iname, None)
        after = 1 + len(store.indexes)
        reply = {'createdCollectionAutomatically': created_coll,
                 'numIndexesBefore': before, 'numIndexesAfter': after}
        if before == after:
            reply['note'] = 'all indexes already exist'
        return reply

    def _index_docs(self, store):
        docs = [{'v': 2, 'key': {'_id': 1}, 'name': '_id_'}]
        for iname, info in store.indexes.items():
            d = {'v': 2, 'key': dict(info['key']), 'name': iname}
            for opt in ('unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds'):
                if opt in info:
                    d[opt] = info[opt]
            docs.append(d)
        return docs

    def cmd_listindexes(self, db, name, cmd, request):
        cname = cmd[name]
        if not self.coll_exists(db, cname):
            raise CommandError(26, 'NamespaceNotFound', 'ns does not exist: %s.%s' % (db, cname))
        docs = self._index_docs(self.coll(db, cname)._store)
        batch_size = self._batch_size((cmd.get('cursor') or {}).get('batchSize'))
        return self._cursor_reply('%s.%s' % (db, cname), docs,
                                  batch_size if batch_size is not None else 0)

    def cmd_dropindexes(self, db, name, cmd, request):
        cname = cmd[name]
        if not self.coll_exists(db, cname):
            raise CommandError(26, 'NamespaceNotFound', 'ns not found %s.%s' % (db, cname))
        store = self.coll(db, cname)._store
        was = 1 + len(store.indexes)
        target = cmd.get('index')
        if target == '*':
            names = list(store.indexes)
        elif isinstance(target, str):
            names = [target]
        elif isinstance(target, list):
            names = list(target)
        elif isinstance(target, Mapping):
            key_list = list(target.items())
            names = [n for n, i in store.indexes.items()
                     if [tuple(k) for k in i['key']] == key_list]
            if not names:
                raise CommandError(27, 'IndexNotFound',
                                   "can't find index with key: %s" % _bson_repr(target))
        else:
            raise CommandError(2, 'BadValue', "'index' must be a string, document or '*'")
        for n in names:
            if n == '_id_':
                raise CommandError(72, 'InvalidOptions', 'cannot drop _id index')
            if n not in store.indexes:
                raise CommandError(27, 'IndexNotFound', 'index not found with name [%s]' % n)
        for n in names:
            store.drop_index(n)
        return {'nIndexesWas': was}

    # -- writes ------------------------------------------------------------

    def _dup_error_details(self, coll, doc, is_update):
        """Find the unique index doc collides on: (name, keyPattern, keyValue)."""
        store = coll._store
        candidates = [] if is_update else [('_id_', [('_id', 1)])]
        candidates += [(n, i['key']) for n, i in store.indexes.items() if i.get('unique')]
        for iname, key in candidates:
            key_value = {}
            for field, _ in key:
                key_value[field] = _get_path(doc, field)
            others = [d for d in coll._iter_documents(key_value)
                      if not (is_update and d.get('_id') == doc.get('_id'))]
            if others:
                return iname, dict((k, v) for k, v in key), key_value
        return None, None, None

    def _dup_error(self, db, cname, coll, doc, index=None, is_update=False):
        try:
            iname, pattern, value = self._dup_error_details(coll, doc, is_update)
        except Exception:
            iname, pattern, value = None, None, None
        msg = 'E11000 duplicate key error collection: %s.%s' % (db, cname)
        err = {}
        if index is not None:
            err['index'] = index
        err['code'] = 11000
        err['codeName'] = 'DuplicateKey'
        if iname:
            msg += ' index: %s dup key: %s' % (iname, _bson_repr(value))
            err['keyPattern'] = pattern
            err['keyValue'] = value
        err['errmsg'] = msg
        return err

    def cmd_insert(self, db, name, cmd, request):
        cname = cmd[name]
        docs = cmd.get('documents') or []
        ordered = cmd.get('ordered', True)
        coll = self.coll(db, cname)
        n = 0
        write_errors = []
        for i, doc in enumerate(docs):
            try:
                doc = dict(doc)
                coll.insert_one(doc)
                n += 1
            except mongomock.DuplicateKeyError:
                write_errors.append(self._dup_error(db, cname, coll, doc, index=i))
                if ordered:
                    break
            except Exception as exc:
                code, code_name, msg = _error_from_exception(exc)
                write_errors.append({'index': i, 'code': code, 'codeName': code_name,
                                     'errmsg': msg})
                if ordered:
                    break
        reply = {'n': n}
        if write_errors:
            reply['writeErrors'] = write_errors
        return reply

    @staticmethod
    def _check_update_doc(u, multi):
        if isinstance(u, list):
            raise CommandError(2, 'BadValue',
                               'pipeline-style updates are not supported by the libstore stand-in')
        if not isinstance(u, Mapping):
            raise CommandError(9, 'FailedToParse', 'update must be a document')
        keys = list(u.keys())
        ops = [k for k in keys if k.startswith('$')]
        if ops and len(ops) != len(keys):
            raise CommandError(9, 'FailedToParse',
                               'update document mixes operators and fields')
        is_replacement = not ops
        if is_replacement and multi:
            raise CommandError(9, 'FailedToParse',
                               'multi update is not supported for replacement-style update')
        for op in ops:
            if op not in _SUPPORTED_UPDATE_OPS:
                raise CommandError(9, 'FailedToParse',
                                   "Unknown modifier: %s (or not supported by the "
                                   "libstore stand-in)" % op)
            if not isinstance(u[op], Mapping):
                raise CommandError(9, 'FailedToParse', 'Modifiers operate on fields but '
                                   'we found type %s instead' % type(u[op]).__name__)
        return is_replacement

    def _apply_update(self, db, cname, coll, q, u, multi, upsert):
        """Run one update statement; returns (n, nModified, upserted_id_or_None).
        Raises CommandError on failure."""
        if not isinstance(q, Mapping):
            raise CommandError(9, 'FailedToParse', 'query must be a document')
        self._check_update_doc(u, multi)  # _id immutability: mongomock checks it
        try:
            res = coll._update(q, u, upsert=upsert, multi=multi)
        except mongomock.DuplicateKeyError:
            # mongomock rolled the failing document back; report like mongod
            probe = None
            try:
                probe = self._probe_updated_doc(coll, q, u, upsert)
            except Exception:
                probe = None
            if probe is not None:
                err = self._dup_error(db, cname, coll, probe, is_update=True)
            else:
                err = {'code': 11000, 'codeName': 'DuplicateKey',
                       'errmsg': 'E11000 duplicate key error collection: %s.%s' % (db, cname)}
            raise CommandError(11000, 'DuplicateKey', err['errmsg'],
                               **{k: v for k, v in err.items()
                                  if k in ('keyPattern', 'keyValue')})
        upserted = res.get('upserted')
        if upserted is not None:
            return 1, 0, upserted
        return res.get('n', 0), res.get('nModified', 0), None

    @staticmethod
    def _probe_updated_doc(coll, q, u, upsert):
        """Reproduce the doc an update would have produced (for error messages)."""
        tmp = mongomock.MongoClient()['probe']['probe']
        found = list(coll._iter_documents(q))
        if found:
            doc = copy.deepcopy(found[0])
            tmp.insert_one(doc)
            tmp._update({'_id': doc['_id']}, u, upsert=False, multi=False)
            return tmp.find_one({'_id': doc['_id']})
        if upsert:
            tmp._update(q, u, upsert=True, multi=False)
            return tmp.find_one({})
        return None

    def cmd_update(self, db, name, cmd, request):
        cname = cmd[name]
        ordered = cmd.get('ordered', True)
        coll = self.coll(db, cname)
        n = n_modified = 0
        upserted = []
        write_errors = []
        for i, stmt in enumerate(cmd.get('updates') or []):
            try:
                if stmt.get('arrayFilters'):
                    raise CommandError(2, 'BadValue',
                                       'arrayFilters are not supported by the libstore stand-in')
                sn, sm, up_id = self._apply_update(
                    db, cname, coll, stmt.get('q', {}), stmt.get('u', {}),
                    bool(stmt.get('multi', False)), bool(stmt.get('upsert', False)))
                n += sn
                n_modified += sm
                if up_id is not None:
                    upserted.append({'index': i, '_id': up_id})
            except CommandError as exc:
                err = {'index': i, 'code': exc.code, 'codeName': exc.code_name,
                       'errmsg': exc.errmsg}
                err.update(exc.extra)
                write_errors.append(err)
                if ordered:
                    break
            except Exception as exc:
                code, code_name, msg = _error_from_exception(exc)
                write_errors.append({'index': i, 'code': code, 'codeName': code_name,
                                     'errmsg': msg})
                if ordered:
                    break
        reply = {'n': n, 'nModified': n_modified}
        if upserted:
            reply['upserted'] = upserted
        if write_errors:
            reply['writeErrors'] = write_errors
        return reply

    def cmd_delete(self, db, name, cmd, request):
        cname = cmd[name]
        ordered = cmd.get('ordered', True)
        coll = self.coll(db, cname)
        n = 0
        write_errors = []
        for i, stmt in enumerate(cmd.get('deletes') or []):
            try:
                q = stmt.get('q', {})
                limit = stmt.get('limit', 0)
                if limit not in (0, 1):
                    raise CommandError(9, 'FailedToParse', 'The limit field in delete '
                                       'objects must be 0 or 1. Got %r' % (limit,))
                res = coll._delete(q, multi=(limit == 0))
                n += res.get('n', 0)
            except Exception as exc:
                if isinstance(exc, CommandError):
                    code, code_name, msg = exc.code, exc.code_name, exc.errmsg
                else:
                    code, code_name, msg = _error_from_exception(exc)
                write_errors.append({'index': i, 'code': code, 'codeName': code_name,
                                     'errmsg': msg})
                if ordered:
                    break
        reply = {'n': n}
        if write_errors:
            reply['writeErrors'] = write_errors
        return reply

    # -- reads -------------------------------------------------------------

    @staticmethod
    def _sort_list(sort):
        if sort is None:
            return None
        if not isinstance(sort, Mapping):
            raise CommandError(2, 'BadValue', 'sort must be a document')
        return list(sort.items()) or None

    def _query(self, coll, flt, sort=None, projection=None, skip=0, limit=0):
        if flt is None:
            flt = {}
        if not isinstance(flt, Mapping):
            raise CommandError(2, 'BadValue', 'filter must be a document')
        cursor = coll.find(flt, projection=projection or None,
                           skip=int(skip or 0), limit=int(limit or 0),
                           sort=self._sort_list(sort))
        return list(cursor)

    def cmd_find(self, db, name, cmd, request):
        cname = cmd[name]
        coll = self.coll(db, cname)
        limit = cmd.get('limit') or 0
        single = bool(cmd.get('singleBatch', False))
        if limit < 0:
            limit = -limit
            single = True
        skip = cmd.get('skip') or 0
        if skip < 0:
            raise CommandError(2, 'BadValue', 'skip value must be non-negative')
        docs = self._query(coll, cmd.get('filter'), cmd.get('sort'),
                           cmd.get('projection'), skip, limit)
        batch_size = self._batch_size(cmd.get('batchSize'))
        if batch_size is None:
            batch_size = DEFAULT_FIRST_BATCH
        if batch_size == 0:
            if single:
                batch_size = limit or DEFAULT_FIRST_BATCH
            else:  # batchSize 0: open a cursor, return nothing yet
                return self._empty_first_batch(db, cname, docs)
        # `docs` is already truncated to `limit`; the cursor closes when exhausted.
        return self._cursor_reply('%s.%s' % (db, cname), docs, batch_size, single)

    def _empty_first_batch(self, db, cname, docs):
        ns = '%s.%s' % (db, cname)
        cursor_id = 0
        if docs:
            cursor_id = random.randint(1, 2 ** 62)
            self.cursors[cursor_id] = {'ns': ns, 'docs': docs, 'pos': 0}
        return {'cursor': {'firstBatch': [], 'id': Int64(cursor_id), 'ns': ns}}

    def cmd_count(self, db, name, cmd, request):
        coll = self.coll(db, cmd[name])
        flt = cmd.get('query') or {}
        skip = int(cmd.get('skip') or 0)
        limit = abs(int(cmd.get('limit') or 0))
        if not flt:
            n = len(coll._store)
        else:
            n = len(list(coll._iter_documents(flt)))
        n = max(n - skip, 0)
        if limit:
            n = min(n, limit)
        return {'n': n}

    def cmd_distinct(self, db, name, cmd, request):
        coll = self.coll(db, cmd[name])
        key = cmd.get('key')
        if not isinstance(key, str):
            raise CommandError(14, 'TypeMismatch', "'key' must be a string")
        return {'values': coll.distinct(key, cmd.get('query') or {})}

    def cmd_aggregate(self, db, name, cmd, request):
        cname = cmd[name]
        if not isinstance(cname, str):
            raise CommandError(2, 'BadValue',
                               'database-level aggregate is not supported by the stand-in')
        pipeline = cmd.get('pipeline')
        if not isinstance(pipeline, list):
            raise CommandError(14, 'TypeMismatch', "'pipeline' must be an array")
        if cmd.get('explain'):
            raise CommandError(2, 'BadValue', 'explain is not supported by the stand-in')
        if 'cursor' not in cmd:
            raise CommandError(9, 'FailedToParse',
                               "The 'cursor' option is required, except for aggregate with the explain argument")
        coll = self.coll(db, cname)
        stages = list(pipeline)
        # Push a leading $match into the scan (uses the _id fast path).
        flt = {}
        if stages and isinstance(stages[0], Mapping) and list(stages[0].keys()) == ['$match']:
            flt = stages.pop(0)['$match']
        docs = list(coll.find(flt))
        result = list(_mm_aggregate.process_pipeline(docs, coll.database, stages, None))
        batch_size = self._batch_size((cmd.get('cursor') or {}).get('batchSize'))
        ns = '%s.%s' % (db, cname)
        if batch_size == 0:
            return self._empty_first_batch(db, cname, result)
        return self._cursor_reply(ns, result, batch_size)

    def cmd_findandmodify(self, db, name, cmd, request):
        cname = cmd[name]
        coll = self.coll(db, cname)
        query = cmd.get('query') or {}
        if not isinstance(query, Mapping):
            raise CommandError(2, 'BadValue', 'query must be a document')
        remove = bool(cmd.get('remove', False))
        update = cmd.get('update')
        new = bool(cmd.get('new', False))
        upsert = bool(cmd.get('upsert', False))
        fields = cmd.get('fields') or None
        if cmd.get('arrayFilters'):
            raise CommandError(2, 'BadValue',
                               'arrayFilters are not supported by the libstore stand-in')
        if remove and update is not None:
            raise CommandError(9, 'FailedToParse', 'Cannot specify both an update and remove=true')
        if not remove and update is None:
            raise CommandError(9, 'FailedToParse', 'Either an update or remove=true must be specified')
        if remove and (new or upsert):
            raise CommandError(9, 'FailedToParse',
                               'Cannot specify both new=true and remove=true; '
                               "'remove' always returns the deleted document")
        found = self._query(coll, query, cmd.get('sort'), None, 0, 1)
        doc = found[0] if found else None
        if remove:
            if doc is None:
                return {'lastErrorObject': {'n': 0}, 'value': None}
            value = self._project_one(coll, doc, fields)
            coll._delete({'_id': doc['_id']}, multi=False)
            return {'lastErrorObject': {'n': 1}, 'value': value}

        if doc is None and not upsert:
            return {'lastErrorObject': {'n': 0, 'updatedExisting': False}, 'value': None}
        if doc is not None:
            spec = dict(query)
            spec['_id'] = doc['_id']
            self._apply_update(db, cname, coll, spec, update, False, False)
            value = self._project_one(coll, self._fetch(coll, doc['_id']) if new else doc, fields)
            return {'lastErrorObject': {'n': 1, 'updatedExisting': True}, 'value': value}
        _, _, up_id = self._apply_update(db, cname, coll, query, update, False, True)
        value = None
        if new and up_id is not None:
            value = self._project_one(coll, self._fetch(coll, up_id), fields)
        leo = {'n': 1, 'updatedExisting': False}
        if up_id is not None:
            leo['upserted'] = up_id
        return {'lastErrorObject': leo, 'value': value}

    @staticmethod
    def _fetch(coll, _id):
        docs = list(coll.find({'_id': _id}))
        return docs[0] if docs else None

    @staticmethod
    def _project_one(coll, doc, fields):
        if doc is None:
            return None
        if not fields:
            return copy.deepcopy(doc)
        tmp = mongomock.MongoClient()['p']['p']
        tmp.insert_one(copy.deepcopy(doc))
        docs = list(tmp.find({}, projection=fields))
        return docs[0] if docs else None


_SUPPORTED_UPDATE_OPS = frozenset([
    '$set', '$unset', '$inc', '$mul', '$push', '$pull', '$pullAll', '$addToSet',
    '$setOnInsert', '$min', '$max', '$currentDate', '$pop', '$rename',
])


# ---------------------------------------------------------------------------
# wire layer

_reply_ids = iter(range(1, 2 ** 31 - 1))
_reply_ids_lock = threading.Lock()


def _next_reply_id():
    with _reply_ids_lock:
        return next(_reply_ids)


def encode_reply(request, doc):
    body = bson.encode(doc, codec_options=CODEC)
    if isinstance(request, mockupdb.OpMsg):
        data = struct.pack('<I', 0) + b'\x00' + body
        opcode = OP_MSG
    else:
        # OP_REPLY: responseFlags, cursorID, startingFrom, numberReturned
        flags = 2 if '$err' in doc else 0  # QueryFailure for legacy errors
        data = struct.pack('<iqii', flags, 0, 0, 1) + body
        opcode = OP_REPLY
    header = struct.pack('<iiii', 16 + len(data), _next_reply_id(),
                         request.request_id, opcode)
    return header + data


class StandinServer(mockupdb.MockupDB):
    """MockupDB with a robust per-connection loop driving a Backend."""

    def __init__(self, port=0, verbose=False):
        mockupdb.MockupDB.__init__(self, port=port or None, verbose=verbose,
                                   request_timeout=int(1e6))
        self._address = ('127.0.0.1', port or 0)
        self.backend = Backend()

    def _server_loop(self, client, client_addr):  # overrides mockupdb's
        try:
            client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        try:
            while not self._stopped:
                try:
                    request = mockupdb.mock_server_receive_request(client, self)
                except (OSError, EOFError):
                    break
                except Exception:
                    # Undecodable message: we cannot answer sensibly.
                    traceback.print_exc()
                    break
                self._log('%r' % (request,))
                try:
                    with self._lock:
                        reply = self.backend.handle(request)
                    no_reply = (isinstance(request, mockupdb.OpMsg)
                                and request.flags & OP_MSG_MORE_TO_COME)
                    if reply is not None and not no_reply:
                        try:
                            data = encode_reply(request, reply)
                        except Exception as exc:
                            traceback.print_exc()
                            data = encode_reply(request, Backend._err(
                                10334 if 'too large' in str(exc) else 2,
                                'BSONObjectTooLarge' if 'too large' in str(exc) else 'BadValue',
                                'stand-in could not encode the reply: %s' % exc))
                        self._log('  -> %r' % (reply,))
                        client.sendall(data)
                except OSError:
                    break
                except Exception:
                    traceback.print_exc()
        finally:
            try:
                client.close()
            except OSError:
                pass


def _write_port_file(path, port):
    directory = os.path.dirname(os.path.abspath(path))
    tmp = os.path.join(directory, '.%s.%d.tmp' % (os.path.basename(path), os.getpid()))
    with open(tmp, 'w') as f:
        f.write('%d\n' % port)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--port-file', default=None)
    parser.add_argument('--verbose', action='store_true')
    args = parser.parse_args(argv)

    stop_event = threading.Event()

    def _on_signal(signum, frame):
        stop_event.set()

    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)

    server = StandinServer(port=args.port, verbose=args.verbose)
    deadline = time.time() + 5
    while True:
        try:
            port = server.run()
            break
        except OSError as exc:  # e.g. EADDRINUSE right after a restart
            if time.time() > deadline:
                sys.stderr.write('mongo_standin: cannot bind 127.0.0.1:%d: %s\n'
                                 % (args.port, exc))
                return 1
            time.sleep(0.1)

    if args.port_file:
        _write_port_file(args.port_file, port)
    sys.stdout.write('%d\n' % port)
    sys.stdout.flush()

    while not stop_event.wait(0.5):
        pass

    _shutdown(server)
    sys.stdout.flush()
    sys.stderr.flush()
    # Everything lives in memory: no need to wait for the accept loop's
    # 1 s select() or for connection threads; the kernel closes the sockets.
    os._exit(0)


def _shutdown(server):
    """Stop accepting and hang up on all clients, without joining threads."""
    server._stopped = True
    try:
        server._listening_sock.close()
    except Exception:
        pass
    for sock in list(server._server_socks):
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except Exception:
            pass


if __name__ == '__main__':
    sys.exit(main())
