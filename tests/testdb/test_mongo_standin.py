"""Tests for the MongoDB stand-in (run: /usr/bin/python3 -m pytest tests/testdb)."""

import datetime
import os
import sys

import bson
import pytest
import pymongo
from bson.codec_options import CodecOptions
from bson.int64 import Int64
from bson.raw_bson import RawBSONDocument
from pymongo.errors import (DuplicateKeyError, OperationFailure,
                            ServerSelectionTimeoutError, AutoReconnect,
                            BulkWriteError)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from standin import TestDatabase  # noqa: E402

pytestmark = pytest.mark.skipif(
    bool(os.environ.get('LIBSTORE_TEST_MONGODB_URI')),
    reason='stand-in tests need the spawned stand-in')


@pytest.fixture(scope='module')
def server():
    with TestDatabase.start() as tdb:
        yield tdb


@pytest.fixture
def client(server):
    c = pymongo.MongoClient(server.uri, serverSelectionTimeoutMS=2000)
    yield c
    c.close()


@pytest.fixture
def db(server, client):
    server.reset()
    return client[server.database]


def raw_types(coll, _id):
    """Field -> python type of the BSON value as stored/returned."""
    raw = coll.with_options(codec_options=CodecOptions(
        document_class=RawBSONDocument)).find_one({'_id': _id})
    return {k: type(v) for k, v in bson.decode(raw.raw).items()}


def test_handshake(client):
    assert client.admin.command('ping')['ok'] == 1
    hello = client.admin.command('hello')
    assert hello['isWritablePrimary'] is True and hello['maxWireVersion'] == 13
    assert client.admin.command('isMaster')['ismaster'] is True
    assert client.server_info()['version'] == '5.0.0'


def test_insert_find_sort_limit_batches(db):
    db.items.insert_many([{'_id': i, 'v': i % 10} for i in range(350)])
    assert db.items.count_documents({}) == 350
    docs = list(db.items.find({'v': {'$gte': 5}}).sort([('v', -1), ('_id', 1)]))
    assert len(docs) == 175 and docs[0] == {'_id': 9, 'v': 9}
    assert [d['_id'] for d in db.items.find().sort('_id', 1).skip(10).limit(3)] == [10, 11, 12]
    # raw command: default first batch is 101, rest served by getMore
    reply = db.command('find', 'items', filter={})
    assert len(reply['cursor']['firstBatch']) == 101 and reply['cursor']['id'] != 0
    more = db.command('getMore', reply['cursor']['id'], collection='items', batchSize=200)
    assert len(more['cursor']['nextBatch']) == 200 and more['cursor']['id'] != 0
    more = db.command('getMore', more['cursor']['id'], collection='items')
    assert len(more['cursor']['nextBatch']) == 49 and more['cursor']['id'] == 0
    with pytest.raises(OperationFailure) as exc:
        db.command('getMore', more['cursor']['id'] or Int64(12345), collection='items')
    assert exc.value.code == 43
    # negative limit = single batch
    reply = db.command('find', 'items', filter={}, limit=-5)
    assert len(reply['cursor']['firstBatch']) == 5 and reply['cursor']['id'] == 0
    # batchSize via the driver
    assert len(list(db.items.find(batch_size=7))) == 350
    assert db.items.find_one({'_id': 42}, {'v': 0}) == {'_id': 42}


def test_update_operators(db):
    db.c.insert_one({'_id': 1, 'n': 5, 'tags': ['a'], 'x': 1})
    r = db.c.update_one({'_id': 1}, {
        '$set': {'s': 'hi', 'sub.k': 1}, '$unset': {'x': ''}, '$inc': {'n': 2},
        '$push': {'tags': 'b'}, '$addToSet': {'set': 'q'}, '$min': {'lo': 3},
        '$max': {'hi': 9}, '$currentDate': {'at': True}})
    assert (r.matched_count, r.modified_count) == (1, 1)
    d = db.c.find_one({'_id': 1})
    assert d['n'] == 7 and d['s'] == 'hi' and d['sub'] == {'k': 1} and 'x' not in d
    assert d['tags'] == ['a', 'b'] and d['set'] == ['q'] and d['lo'] == 3 and d['hi'] == 9
    assert isinstance(d['at'], datetime.datetime)
    db.c.update_one({'_id': 1}, {'$pull': {'tags': 'a'}, '$addToSet': {'set': 'q'}})
    d = db.c.find_one({'_id': 1})
    assert d['tags'] == ['b'] and d['set'] == ['q']
    r = db.c.replace_one({'_id': 1}, {'only': True})
    assert db.c.find_one({'_id': 1}) == {'_id': 1, 'only': True}
    db.c.insert_many([{'_id': i, 'g': 1} for i in range(2, 6)])
    r = db.c.update_many({'g': 1}, {'$set': {'g': 2}})
    assert (r.matched_count, r.modified_count) == (4, 4)
    r = db.c.update_many({'g': 2}, {'$set': {'g': 2}})
    assert (r.matched_count, r.modified_count) == (4, 0)


def test_upsert(db):
    r = db.u.update_one({'sku': 'A'}, {'$set': {'q': 1}, '$setOnInsert': {'c': 0}}, upsert=True)
    assert r.upserted_id is not None and r.matched_count == 0
    assert db.u.find_one({'sku': 'A'}, {'_id': 0}) == {'sku': 'A', 'q': 1, 'c': 0}
    r = db.u.update_one({'sku': 'A'}, {'$set': {'q': 2}, '$setOnInsert': {'c': 5}}, upsert=True)
    assert r.upserted_id is None and r.modified_count == 1
    assert db.u.find_one({'sku': 'A'})['c'] == 0
    r = db.u.update_one({'_id': 'k'}, {'$inc': {'n': 1}}, upsert=True)
    assert r.upserted_id == 'k'


def test_find_and_modify(db):
    db.f.insert_many([{'_id': 1, 'stock': 3}, {'_id': 2, 'stock': 0}])
    before = db.f.find_one_and_update({'_id': 1, 'stock': {'$gte': 2}}, {'$inc': {'stock': -2}})
    assert before == {'_id': 1, 'stock': 3}
    after = db.f.find_one_and_update({'_id': 1, 'stock': {'$gte': 2}}, {'$inc': {'stock': -2}},
                                     return_document=pymongo.ReturnDocument.AFTER)
    assert after is None and db.f.find_one({'_id': 1})['stock'] == 1
    after = db.f.find_one_and_update({'_id': 1}, {'$inc': {'stock': 10}},
                                     projection={'_id': 0},
                                     return_document=pymongo.ReturnDocument.AFTER)
    assert after == {'stock': 11}
    up = db.f.find_one_and_update({'_id': 3}, {'$set': {'stock': 7}}, upsert=True,
                                  return_document=pymongo.ReturnDocument.AFTER)
    assert up == {'_id': 3, 'stock': 7}
    raw = db.command('findAndModify', 'f', query={'_id': 4}, update={'$set': {'a': 1}},
                     upsert=True)
    assert raw['value'] is None and raw['lastErrorObject']['upserted'] == 4
    assert raw['lastErrorObject']['updatedExisting'] is False
    gone = db.f.find_one_and_delete({'stock': 0})
    assert gone == {'_id': 2, 'stock': 0} and db.f.count_documents({'_id': 2}) == 0
    assert db.f.find_one_and_delete({'_id': 99}) is None
    first = db.f.find_one_and_update({}, {'$set': {'t': 1}}, sort=[('stock', -1)])
    assert first['_id'] == 1


def test_duplicate_keys(db):
    db.dk.create_index('email', unique=True)
    db.dk.insert_one({'_id': 1, 'email': 'a'})
    db.dk.insert_one({'_id': 2, 'email': 'b'})
    with pytest.raises(DuplicateKeyError) as exc:
        db.dk.insert_one({'email': 'a'})
    assert exc.value.code == 11000 and 'E11000' in str(exc.value)
    with pytest.raises(DuplicateKeyError):
        db.dk.insert_one({'_id': 1, 'email': 'zz'})
    # ordered batch stops at first error, n counts successes
    with pytest.raises(BulkWriteError) as exc:
        db.dk.insert_many([{'email': 'c'}, {'email': 'a'}, {'email': 'd'}])
    assert exc.value.details['nInserted'] == 1
    assert exc.value.details['writeErrors'][0]['index'] == 1
    assert db.dk.count_documents({'email': 'd'}) == 0
    with pytest.raises(DuplicateKeyError):
        db.dk.update_one({'_id': 2}, {'$set': {'email': 'a'}})
    assert db.dk.find_one({'_id': 2})['email'] == 'b'  # rolled back
    with pytest.raises(DuplicateKeyError):
        db.dk.update_one({'email': 'new'}, {'$set': {'email': 'a'}}, upsert=True)
    with pytest.raises(OperationFailure) as exc:
        db.dk.find_one_and_update({'_id': 2}, {'$set': {'email': 'a'}})
    assert exc.value.code == 11000
    assert db.dk.find_one({'_id': 2})['email'] == 'b'


def test_indexes_survive_empty_collection(db):
    db.ix.create_index([('sku', 1)], unique=True, name='sku_unique')
    db.ix.create_index([('sku', 1)], unique=True, name='sku_unique')  # idempotent
    db.ix.create_index('at', expireAfterSeconds=1)  # accepted, TTL not enforced
    db.ix.insert_one({'sku': 'x'})
    db.ix.delete_many({})
    assert 'ix' in db.list_collection_names()
    names = {i['name'] for i in db.ix.list_indexes()}
    assert names == {'_id_', 'sku_unique', 'at_1'}
    db.ix.insert_one({'sku': 'y'})
    with pytest.raises(DuplicateKeyError):
        db.ix.insert_one({'sku': 'y'})
    db.ix.drop_index('at_1')
    assert {i['name'] for i in db.ix.list_indexes()} == {'_id_', 'sku_unique'}


def test_counters(server, db):
    server.reset_counters()
    db.cnt.insert_one({'_id': 1})
    db.cnt.find_one({'_id': 1})
    db.cnt.find_one({'_id': 1})
    db.client.admin.command('hello')
    db.client.admin.command('isMaster')
    c = server.counters()
    assert c == {'insert': 1, 'find': 2}
    db.cnt.find_one_and_update({'_id': 1}, {'$set': {'a': 1}})
    assert server.counter('findAndModify') == 1
    server.reset_counters()
    assert server.counters() == {}


def test_transactions_refused(db, client):
    with pytest.raises(OperationFailure) as exc:
        db.command({'insert': 'tx', 'documents': [{'a': 1}],
                    'startTransaction': True, 'autocommit': False,
                    'txnNumber': Int64(1)})
    assert exc.value.code == 20
    with pytest.raises(OperationFailure) as exc:
        client.admin.command('commitTransaction')
    assert exc.value.code == 20
    with client.start_session() as s:
        with pytest.raises(OperationFailure) as exc:
            with s.start_transaction():
                db.tx.insert_one({'a': 1}, session=s)
        assert exc.value.code == 20
    assert db.tx.count_documents({}) == 0


def test_aggregate(db):
    db.ag.insert_many([{'k': i % 3, 'v': i} for i in range(30)])
    out = list(db.ag.aggregate([
        {'$match': {'v': {'$gte': 10}}},
        {'$group': {'_id': '$k', 'total': {'$sum': '$v'}, 'n': {'$sum': 1}}},
        {'$sort': {'_id': 1}}]))
    assert out == [{'_id': 0, 'total': 12 + 15 + 18 + 21 + 24 + 27, 'n': 6},
                   {'_id': 1, 'total': 10 + 13 + 16 + 19 + 22 + 25 + 28, 'n': 7},
                   {'_id': 2, 'total': 11 + 14 + 17 + 20 + 23 + 26 + 29, 'n': 7}]
    assert list(db.ag.aggregate([{'$count': 'n'}])) == [{'n': 30}]
    assert len(list(db.ag.aggregate([{'$sort': {'v': 1}}], batchSize=4))) == 30


def test_int64_preserved(db):
    db.i64.insert_one({'_id': 1, 'big': Int64(5), 'small': 5})
    db.i64.update_one({'_id': 1}, {'$inc': {'big': 1, 'small': 1, 'fresh': Int64(2)}})
    db.i64.find_one_and_update({'_id': 1}, {'$inc': {'big': -1}})
    types = raw_types(db.i64, 1)
    assert types['big'] is Int64 and types['fresh'] is Int64 and types['small'] is int
    assert db.i64.find_one({'_id': 1})['big'] == 5


def test_datetime_round_trip(db):
    when = datetime.datetime(2023, 5, 6, 7, 8, 9, 123000)
    db.dt.insert_one({'_id': 1, 'at': when, 'nested': {'at': [when]}})
    d = db.dt.find_one({'_id': 1})
    assert d['at'] == when and d['nested']['at'] == [when]
    assert db.dt.count_documents({'at': {'$gte': when}}) == 1
    aware = pymongo.MongoClient(db.client.address[0], db.client.address[1], tz_aware=True)
    try:
        got = aware[db.name].dt.find_one({'_id': 1})['at']
        assert got == when.replace(tzinfo=datetime.timezone.utc)
    finally:
        aware.close()


def test_misc_commands(db, client):
    db.m.insert_many([{'a': 1}, {'a': 2}, {'a': 2}])
    assert sorted(db.m.distinct('a')) == [1, 2]
    assert db.command('count', 'm', query={'a': 2})['n'] == 2
    r = db.m.delete_one({'a': 2})
    assert r.deleted_count == 1
    with pytest.raises(OperationFailure) as exc:
        db.command('definitelyNotACommand')
    assert exc.value.code == 59
    assert db.name in client.list_database_names()
    db.create_collection('created')
    with pytest.raises(OperationFailure) as exc:
        db.command('create', 'created')
    assert exc.value.code == 48
    db.drop_collection('created')
    assert 'created' not in db.list_collection_names()


def test_restart_same_port():
    with TestDatabase.start() as tdb:
        c = pymongo.MongoClient(tdb.uri, serverSelectionTimeoutMS=500)
        c.x.y.insert_one({'a': 1})
        port = tdb.port
        tdb.stop()
        with pytest.raises((ServerSelectionTimeoutError, AutoReconnect)):
            c.x.y.insert_one({'a': 2})
        tdb.restart()
        assert tdb.port == port
        c.x.y.insert_one({'a': 3})  # same client reconnects
        assert c.x.y.count_documents({}) == 1  # data is not persisted
        c.close()
